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

/// <summary>
/// A memory manager against an emulated board's real resource manager (in process), with every message traced.
/// Clients: pid 2 (uid 100 gid 100, the owner of /data files), pid 3 (root), pid 4 (uid 200, other), pid 5 (32-bit root).
/// </summary>
public sealed class MmFixture
{
    public readonly SimulatedClock Clock = new();
    public readonly ManualTime Time = new();
    public readonly EmulatedBoard Board;
    public readonly DirectChannel Direct;
    public readonly TracingChannel Trace;
    public readonly MemoryManager Mm;
    public ClientProcess User = null!;
    public ClientProcess Root = null!;
    public ClientProcess Other = null!;

    private MmFixture(bool quirks, bool is64, int maxMessage, TimeSpan? linger)
    {
        Board = new EmulatedBoard(new EmulatedBoardOptions { Quirks = quirks, Is64Bit = is64, Clock = Clock });
        Direct = new DirectChannel(Board.Rm, 0, maxMessage);
        Trace = new TracingChannel(Direct);
        Mm = new MemoryManager(Trace, new MemoryManagerOptions { Time = Time, Linger = linger ?? TimeSpan.Zero });
    }

    public static async Task<MmFixture> StartAsync(bool quirks = false, bool is64 = true, int maxMessage = 16384, TimeSpan? linger = null)
    {
        var f = new MmFixture(quirks, is64, maxMessage, linger);
        await f.Mm.StartAsync();
        f.User = await f.Mm.SpawnAsync(2, Cred(100, 100));
        f.Root = await f.Mm.SpawnAsync(3, Cred(0, 0));
        f.Other = await f.Mm.SpawnAsync(4, Cred(200, 200));
        return f;
    }

    /// <summary>Messages sent by the next action, as "TYPE[+TYPE]" strings.</summary>
    public async Task<(T Result, string[] Messages)> Traced<T>(Func<Task<T>> action)
    {
        int mark = Trace.Count;
        var r = await action();
        return (r, Trace.Since(mark).Select(m => m.Kind).ToArray());
    }

    public async Task<int> OpenAsync(ClientProcess p, string path, uint oflag)
    {
        var r = await p.OpenAsync(path, oflag);
        Assert.True(r.Ok, $"open {path}: {r}");
        return (int)r.Value;
    }

    public Protocol.Messages.Stat StatOf(string path)
    {
        var a = Board.Rm.Namespace.Find(path)!;
        var st = new Protocol.Messages.Stat();
        ResourceManager.IoFunc.StatFill(Board.Rm, a, st);
        return st;
    }

    public ResourceManager.ResourceAttr Attr(string path) => Board.Rm.Namespace.Find(path)!;
}
