using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Board.Emulated;
using Gateway.Board.Emulated.Simulator;
using Gateway.Host.Board;
using Gateway.Host.Link;
using Gateway.Protocol.Link;

namespace Gateway.Host.Targets;

/// <summary>A session on an in-process emulated board: a session slot of its resource manager, and its events.</summary>
public sealed class EmulatedSession : ITargetSession, IEventSink
{
    private readonly int slot;
    private readonly ConcurrentQueue<BoardEvent> events = new();
    private readonly SemaphoreSlim arrived = new(0);
    private readonly object counters = new();
    private readonly TaskCompletionSource<LinkEndReason> ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal EmulatedSession(EmulatedBoard board, int slot)
    {
        EmulatedBoard = board;
        this.slot = slot;
        var channel = new DirectChannel(board.Rm, slot);
        Channel = channel;
        board.Devices.Events.Target = this;
        BoardLinkConfig c = board.LinkConfig;
        Board = new BoardInfo(c.BoardName, c.BoardModel, c.FirmwareVersion, board.BootId, channel.MaxMessageSize, c.Window, c.Features,
            TimeSpan.FromMilliseconds(c.SessionTimeoutMs), slot)
        {
            Kind = c.Kind,
        };
        BootId = Board.BootIdHex;
    }

    /// <summary>The board this session is on (tests reach into it).</summary>
    public EmulatedBoard EmulatedBoard { get; }

    public IBoardChannel Channel { get; }

    public BoardInfo Board { get; }

    public string Description => $"emulated board ({(EmulatedBoard.Options.Is64Bit ? 64 : 32)}-bit{(EmulatedBoard.Options.Quirks ? ", quirks" : "")})";

    public string BootId { get; }

    public bool ResetDetected => false;

    public Task<LinkEndReason> Completion => ended.Task;

    /// <summary>The longest real wait of an <c>advance</c>, as over the link.</summary>
    public static readonly TimeSpan MaxRealWait = TimeSpan.FromSeconds(1);

    /// <summary>True when <see cref="AdvanceAsync"/> waits for real (target.time "real") instead of jumping the clock.</summary>
    public bool RealWaits { get; init; }

    /// <summary>
    /// The board's events reach the link first (it keeps the running counters /fw/status reports, and with no
    /// port open on <c>emu:</c> it sends nothing), then this session's inbox with the link's own counter.
    /// </summary>
    void IEventSink.Raise(int source, int code, int value)
    {
        long counter = 0;
        lock (counters)
        {
            ((IEventSink)EmulatedBoard.Link).Raise(source, code, value);
            for (int i = 0; i < EmulatedBoard.Link.EventSourcesSeen; i++)
            {
                EmulatedBoard.Link.EventSourceAt(i, out int s, out uint count);
                if (s == source)
                {
                    counter = count;
                }
            }
        }

        events.Enqueue(new BoardEvent(source, code, value, (uint)counter, 0));
        arrived.Release();
    }

    public async Task<BoardEvent?> NextEventAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (await arrived.WaitAsync(timeout, cancellationToken).ConfigureAwait(false) && events.TryDequeue(out BoardEvent? e))
        {
            return e;
        }

        return null;
    }

    public Task AdvanceAsync(TimeSpan time, CancellationToken cancellationToken = default)
    {
        if (RealWaits)
        {
            return Task.Delay(time < MaxRealWait ? time : MaxRealWait, cancellationToken);
        }

        if (EmulatedBoard.Clock is SimulatedClock clock)
        {
            clock.Advance((long)time.TotalMilliseconds);
            return Task.CompletedTask;
        }

        return Task.Delay(time, cancellationToken);
    }

    /// <summary>
    /// No link here, so no host id: the session slot is ended as the link ends it — on CLOSE (Close), or after the
    /// next session has authenticated with the same host id (Replace: the next session takes another slot first).
    /// The link's own host-id check is exercised by <c>link+emu:</c>.
    /// </summary>
    public async Task<SessionHandover> ContinueAsync(SessionEnd how, CancellationToken cancellationToken = default)
    {
        if (how is SessionEnd.Silence or SessionEnd.Drop)
        {
            throw new NotSupportedException(EmulatedTarget.LacksOnEmu(how == SessionEnd.Silence ? SessionCapability.Silence : SessionCapability.Drop));
        }

        int nextSlot = how == SessionEnd.Replace ? (slot + 1) % EmulatedBoard.Rm.Config.MaxSessions : slot;
        if (how == SessionEnd.Close)
        {
            await DisposeAsync().ConfigureAwait(false);
            return new SessionHandover(new EmulatedSession(EmulatedBoard, nextSlot) { RealWaits = RealWaits }, "closed");
        }

        var next = new EmulatedSession(EmulatedBoard, nextSlot) { RealWaits = RealWaits };
        EndSlot();
        ended.TrySetResult(LinkEndReason.Replaced);
        arrived.Dispose();
        return new SessionHandover(next, "replaced");
    }

    public Task<BoardReply?> SendUnauthenticatedAsync(int pid, int coid, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(EmulatedTarget.LacksOnEmu(SessionCapability.BeforeAuth));

    /// <summary>
    /// A power cycle: this board stops (no session is told), and a new board with the same options and clock starts —
    /// a new boot id, its tables and /data as at every boot.
    /// </summary>
    public async Task<SessionHandover> RebootAsync(CancellationToken cancellationToken = default)
    {
        await DisposeAsync().ConfigureAwait(false);
        EmulatedBoard.Dispose();
        var next = new EmulatedBoard(EmulatedBoard.Options);
        return new SessionHandover(new EmulatedSession(next, 0) { RealWaits = RealWaits }, "rebooted");
    }

    public ValueTask DisposeAsync()
    {
        if (ReferenceEquals(EmulatedBoard.Devices.Events.Target, this))
        {
            EmulatedBoard.Devices.Events.Target = null!;
        }

        EndSlot();
        ended.TrySetResult(LinkEndReason.Closed);
        arrived.Dispose();
        return ValueTask.CompletedTask;
    }

    private void EndSlot()
    {
        lock (EmulatedBoard.Rm.SyncRoot)
        {
            EmulatedBoard.Rm.EndSession(slot);
        }
    }
}
