using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Gateway.Board.Emulated;
using Gateway.Board.Emulated.Simulator;
using Gateway.Host.Board;
using Gateway.Host.Memory;
using Gateway.Protocol.Qnx;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Host.Tests.Memory;

/// <summary>A time source tests move by hand (for lingers).</summary>
public sealed class ManualTime : TimeProvider
{
    public DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}
