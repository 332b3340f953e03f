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

/// <summary>
/// <c>emu:</c> — the emulated board in process, reached through <see cref="DirectChannel"/> (no frames, no link):
/// every session is a freshly started board (so every session starts from the board's boot state), with a simulated
/// clock that <see cref="ITargetSession.AdvanceAsync"/> moves. Options the URI leaves open follow each session's
/// requirements (a 32-bit board for a 32-bit scenario, the quirk resources when asked for); options the URI pins
/// make scenarios that need otherwise skip.
/// </summary>
public sealed class EmulatedTarget : ITarget
{
    private readonly TargetUri uri;

    internal EmulatedTarget(TargetUri uri)
    {
        this.uri = uri;
        Uri = uri.ToString();
    }

    public string Uri { get; }

    public string? CannotProvide(TargetRequirements requirements)
    {
        if (uri.Bits is int b && requirements.Bits is int want && want != b)
        {
            return $"needs a {want}-bit board; {Uri} is {b}-bit";
        }

        if (requirements.Quirks && uri.Quirks == false)
        {
            return $"needs the quirk resources; {Uri} has them off";
        }

        return null;
    }

    public Task<ITargetSession> OpenSessionAsync(TargetRequirements requirements, CancellationToken cancellationToken = default)
    {
        string? reason = CannotProvide(requirements);
        if (reason != null)
        {
            throw new InvalidOperationException(reason);
        }

        var options = new EmulatedBoardOptions
        {
            Is64Bit = (uri.Bits ?? requirements.Bits ?? 64) == 64,
            Quirks = uri.Quirks ?? requirements.Quirks,
            Clock = new SimulatedClock(),
        };
        return Task.FromResult<ITargetSession>(new EmulatedSession(new EmulatedBoard(options), 0));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>A session on an in-process emulated board: a session slot of its resource manager, and its events.</summary>
public sealed class EmulatedSession : ITargetSession, IEventSink
{
    private readonly int slot;
    private readonly ConcurrentQueue<BoardEvent> events = new();
    private readonly SemaphoreSlim arrived = new(0);
    private readonly Dictionary<int, long> counters = new();
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
            TimeSpan.FromMilliseconds(c.SessionTimeoutMs), slot);
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

    void IEventSink.Raise(int source, int code, int value)
    {
        long counter;
        lock (counters)
        {
            counters.TryGetValue(source, out counter);
            counters[source] = ++counter;
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
        int nextSlot = how == SessionEnd.Replace ? (slot + 1) % EmulatedBoard.Rm.Config.MaxSessions : slot;
        if (how == SessionEnd.Close)
        {
            await DisposeAsync().ConfigureAwait(false);
            return new SessionHandover(new EmulatedSession(EmulatedBoard, nextSlot), "closed");
        }

        var next = new EmulatedSession(EmulatedBoard, nextSlot);
        EndSlot();
        ended.TrySetResult(LinkEndReason.Replaced);
        arrived.Dispose();
        return new SessionHandover(next, "replaced");
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
