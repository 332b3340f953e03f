using System;
using System.IO;
using Gateway.Protocol.Platform;
using Gateway.Transports.Desktop.InMemory;

namespace Gateway.Host.Targets.Faults;

/// <summary>
/// An in-memory link with faults in both directions: host → board frames through one injector, board → host frames
/// through another (seeded with <c>Seed</c> and <c>Seed + 1</c>). <see cref="ToString"/> prints the seed and what
/// was injected, for test output.
/// </summary>
public sealed class FaultyLink
{
    public FaultyLink(FaultOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Pipe = new InMemoryPipe();
        int seed = options.Seed != 0 ? options.Seed : Random.Shared.Next(1, int.MaxValue - 1);
        var host = new FaultInjectingStream(Pipe.Host, options with { Seed = seed });
        var board = new FaultInjectingByteStream(Pipe.Board, options with { Seed = seed + 1 });
        Seed = seed;
        Host = host;
        Board = board;
        HostToBoard = host.Injector;
        BoardToHost = board.Injector;
    }

    public int Seed { get; }

    public InMemoryPipe Pipe { get; }

    /// <summary>The host's end (its writes are faulted on the way to the board).</summary>
    public Stream Host { get; }

    /// <summary>The board's end (its writes are faulted on the way to the host).</summary>
    public IByteStream Board { get; }

    public FrameFaultInjector HostToBoard { get; }

    public FrameFaultInjector BoardToHost { get; }

    public override string ToString() =>
        $"faulty link seed={Seed}: host→board {HostToBoard.Stats}; board→host {BoardToHost.Stats}";
}
