using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Board.Emulated;
using Gateway.Host.Board;
using Gateway.Host.Link;
using Gateway.Host.Memory;
using Gateway.Protocol.Link;
using Gateway.Transports.Desktop.Paced;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Host.Bench;

/// <summary>
/// An emulated board and one authenticated host session over some transport, with the memory manager (pid 1)
/// behind a <see cref="TracingChannel"/> and one root client process (pid 2): what every measurement runs on.
/// The board runs the same code as on hardware; only the transport differs per measurement.
/// </summary>
public sealed class BenchRig : IAsyncDisposable
{
    /// <summary>/data's RAM on the benchmark board: room for a page-in object of a few MiB.</summary>
    public const int DataRamBudget = 8 << 20;

    private readonly List<IDisposable> owned = new();

    private BenchRig(EmulatedBoard board, LinkClient client, TracingChannel trace, MemoryManager mm, ClientProcess root)
    {
        Board = board;
        Client = client;
        Trace = trace;
        Mm = mm;
        Root = root;
    }

    public EmulatedBoard Board { get; }

    public LinkClient Client { get; }

    /// <summary>Every QNX message the host sent (the memory manager's and the client's).</summary>
    public TracingChannel Trace { get; }

    public MemoryManager Mm { get; }

    /// <summary>A client process with root credentials (pid 2).</summary>
    public ClientProcess Root { get; }

    /// <summary>The paced line, when the rig runs over one.</summary>
    public PacedSerialLine? Line { get; private init; }

    /// <summary>A board whose link grants up to <paramref name="maxBody"/> (at least the emulated board's 16,640) and a window of 8.</summary>
    public static EmulatedBoard CreateBoard(int maxBody = LinkLimits.DesktopBody)
    {
        var link = BoardLinkConfig.Emulated();
        link.MaxBody = Math.Max(link.MaxBody, maxBody);
        return new EmulatedBoard(new EmulatedBoardOptions { DataRamBudget = DataRamBudget, Link = link });
    }

    /// <summary>The board served over a paced serial line; the host asks for <paramref name="maxBody"/> and <paramref name="window"/>.</summary>
    public static async Task<BenchRig> OverPacedLineAsync(int baud, LineClockMode clock, int maxBody, int window, CancellationToken cancellationToken = default)
    {
        var board = CreateBoard(maxBody);
        var line = new PacedSerialLine(baud, clock);
        board.ServeInBackground(line.Board, "bench-board");
        var rig = await ConnectAsync(board, line.Host, LinkOptions(maxBody, window, line.BytesPerSecond), cancellationToken).ConfigureAwait(false);
        return new BenchRig(rig.Board, rig.Client, rig.Trace, rig.Mm, rig.Root) { Line = line };
    }

    /// <summary>The link client settings of a benchmark session (a fixed host id per rig, so sessions never replace each other).</summary>
    public static LinkClientOptions LinkOptions(int maxBody, int window, double? lineBytesPerSecond = null) => new()
    {
        Key = DevelopmentKey.Create(),
        HostId = HostIds.FromName("gateway-bench-" + Guid.NewGuid().ToString("N")),
        MaxBody = maxBody,
        Window = window,
    };

    /// <summary>Connects over <paramref name="host"/> (the board already serves the other end), declares pid 1 and a root pid 2.</summary>
    public static async Task<BenchRig> ConnectAsync(EmulatedBoard board, Stream host, LinkClientOptions options, CancellationToken cancellationToken = default)
    {
        var client = await LinkClient.ConnectAsync(host, options, cancellationToken).ConfigureAwait(false);
        var trace = new TracingChannel(new LinkChannel(client));
        var mm = new MemoryManager(trace);
        await mm.StartAsync().ConfigureAwait(false);
        var root = await mm.SpawnAsync(2, Cred(0, 0)).ConfigureAwait(false);
        return new BenchRig(board, client, trace, mm, root);
    }

    /// <summary>Disposes <paramref name="resource"/> with the rig (a pty, a listener).</summary>
    public BenchRig Own(IDisposable resource)
    {
        owned.Add(resource);
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync().ConfigureAwait(false);
        Board.Dispose();
        Line?.Close();
        foreach (var d in owned)
        {
            d.Dispose();
        }
    }
}
