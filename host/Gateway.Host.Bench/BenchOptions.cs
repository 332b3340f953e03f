using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Protocol.Link;
using Gateway.Transports.Desktop.Paced;

namespace Gateway.Host.Bench;

/// <summary>What <see cref="BenchSuite"/> runs.</summary>
public sealed record BenchOptions
{
    /// <summary>Every baud rate and frame size (else the quick set: 921,600 baud; the smallest and the emulated board's frames).</summary>
    public bool Full { get; init; }

    /// <summary>The paced line's clock for the throughput runs (link efficiency always runs on the virtual clock: bytes do not depend on time).</summary>
    public LineClockMode Clock { get; init; } = LineClockMode.FastForward;

    /// <summary>Small requests per latency run.</summary>
    public int? LatencyRequests { get; init; }

    /// <summary>Progress lines ("link efficiency, body 4352 …").</summary>
    public Action<string>? Progress { get; init; }
}
