using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Board.Emulated;
using Gateway.Host.Board;
using Gateway.Host.Link;
using Gateway.Protocol.Messages;

namespace Gateway.Host.Targets;

/// <summary>One link session: its channel, what the board said in the handshake, and its events.</summary>
public sealed class LinkTargetSession : ITargetSession
{
    private readonly ConcurrentQueue<BoardEvent> events = new();
    private readonly SemaphoreSlim arrived = new(0);
    private readonly IDisposable subscription;
    private readonly LinkTarget target;

    internal LinkTargetSession(LinkTarget target, LinkBoard board, BoardSession session)
    {
        this.target = target;
        LinkBoard = board;
        Session = session;
        board.Add(session.Client);
        Description = $"{target.Uri} ({session.Board})";
        BootId = session.Board.BootIdHex;
        Channel = new HookedChannel(session.Channel, this);
        subscription = session.Client.Subscribe(e =>
        {
            events.Enqueue(e);
            arrived.Release();
        });
    }

    internal BoardSession Session { get; }

    internal LinkBoard LinkBoard { get; }

    /// <summary>The session's link client (its counters, its options).</summary>
    public LinkClient Client => Session.Client;

    /// <summary>The board when it is the emulated board in this process (<c>link+emu:</c>; tests reach into it), else null.</summary>
    public EmulatedBoard? EmulatedBoard => LinkBoard.Target.EmulatedBoard;

    public BoardInfo Board => Session.Board;

    public Task<LinkEndReason> Completion => Session.Client.Completion;

    public IBoardChannel Channel { get; }

    public string Description { get; }

    public string BootId { get; }

    /// <summary>The link reports a restarted board as a lost session; the runner then compares boot ids.</summary>
    public bool ResetDetected => false;

    public async Task<BoardEvent?> NextEventAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (await arrived.WaitAsync(timeout, cancellationToken).ConfigureAwait(false) && events.TryDequeue(out BoardEvent? e))
        {
            return e;
        }

        return null;
    }

    /// <summary>
    /// A real board's clock cannot be moved: the real time passes, at most <see cref="MaxRealWait"/> (device
    /// timings such as an EEPROM write cycle are milliseconds; lingers run on the memory manager's own clock, which
    /// the runner moves by the whole amount).
    /// </summary>
    public Task AdvanceAsync(TimeSpan time, CancellationToken cancellationToken = default) =>
        Task.Delay(time < MaxRealWait ? time : MaxRealWait, cancellationToken);

    public static readonly TimeSpan MaxRealWait = TimeSpan.FromSeconds(1);

    public Task<SessionHandover> ContinueAsync(SessionEnd how, CancellationToken cancellationToken = default) =>
        ContinueAsync(how, false, cancellationToken);

    public async Task<SessionHandover> ContinueAsync(SessionEnd how, bool otherHost, CancellationToken cancellationToken = default)
    {
        // Another host: the machine's host id with a suffix, so the board sees a host it has never seen.
        byte[]? hostId = otherHost ? HostIds.FromName($"{Environment.MachineName}\0{Environment.UserName}\0other-host") : null;
        if (how is SessionEnd.Close or SessionEnd.Silence or SessionEnd.Drop)
        {
            LinkEndReason end = how switch
            {
                SessionEnd.Silence => await SilenceAsync(cancellationToken).ConfigureAwait(false),
                SessionEnd.Drop => await DropAsync().ConfigureAwait(false),
                _ => await CloseAsync().ConfigureAwait(false),
            };
            BoardSession next = await Session.Target.OpenSessionAsync(cancellationToken, hostId).ConfigureAwait(false);
            // On a lossy link the board's last word may be lost: its "not authenticated" to what the host sent next
            // (a retried CLOSE, or the question after silence) says the session is gone all the same.
            string endText = (how, end) switch
            {
                (SessionEnd.Silence, LinkEndReason.SessionLost) => "timed out (the board's CLOSE was lost; it answered the old session \"not authenticated\")",
                (SessionEnd.Close, LinkEndReason.SessionLost) => "closed (the board's acknowledgement was lost; it answered the retried CLOSE \"not authenticated\")",
                _ => Name(end),
            };
            return new SessionHandover(new LinkTargetSession(target, LinkBoard, next), endText);
        }

        if (otherHost)
        {
            throw new ArgumentException("a replacing session presents the same host id", nameof(otherHost));
        }

        var (session, oldEnd) = await Session.Target.ReplaceSessionAsync(cancellationToken).ConfigureAwait(false);
        string ended = oldEnd switch
        {
            null => "still open: the board answers it",
            // On the same boot, right after a session with this host id authenticated, nothing else ends a session.
            LinkEndReason.SessionLost => "replaced (the board's CLOSE was lost; it answered the old session \"not authenticated\")",
            LinkEndReason r => Name(r),
        };
        var handover = new SessionHandover(new LinkTargetSession(target, LinkBoard, session), ended);
        subscription.Dispose();
        arrived.Dispose();
        return handover;
    }

    /// <summary>
    /// The board in use is power-cycled — no CLOSE, a new boot id, tables and /data afresh — then a session opens on the
    /// new boot. link+emu: resets its board in this process (as <c>reset-after=N</c> does, but where the scenario
    /// says); pty: kills its child board and starts it again. Other boards are not the harness's to restart.
    /// </summary>
    public async Task<SessionHandover> RebootAsync(CancellationToken cancellationToken = default)
    {
        if (target.Lacks(SessionCapability.Reboot) is string cannot)
        {
            throw new NotSupportedException(cannot);
        }

        subscription.Dispose();
        if (EmulatedBoard != null)
        {
            LinkBoard.Reset();
            // The old session's CLOSE reaches the new boot, which answers "not authenticated": nothing to wait for.
            await TransportFailure.CloseQuietlyAsync(Session.Client).ConfigureAwait(false);
        }
        else
        {
            await Session.Target.RestartChildBoardAsync().ConfigureAwait(false);
        }

        arrived.Dispose();
        BoardSession next = await Session.Target.OpenSessionAsync(cancellationToken).ConfigureAwait(false);
        return new SessionHandover(new LinkTargetSession(target, LinkBoard, next), "rebooted");
    }

    /// <summary>A request on a new stream with no handshake (the board must refuse it "not authenticated").</summary>
    public async Task<BoardReply?> SendUnauthenticatedAsync(int pid, int coid, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        Stream stream = await Session.Target.OpenBareStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await UnauthenticatedRequest.SendAsync(stream, pid, coid, message, TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<LinkEndReason> CloseAsync()
    {
        await DisposeAsync().ConfigureAwait(false);
        return await Session.Client.Completion.ConfigureAwait(false);
    }

    /// <summary>
    /// The host stops sending; the board must end the session when its session timeout passes. On link+emu: the
    /// board's clock is jumped past the timeout; elsewhere the real time passes (the board's timeout, plus a margin).
    /// </summary>
    private async Task<LinkEndReason> SilenceAsync(CancellationToken cancellationToken)
    {
        Session.Client.GoSilent();
        TimeSpan timeout = Board.SessionTimeout > TimeSpan.Zero ? Board.SessionTimeout : TimeSpan.FromSeconds(10);
        TimeSpan wait = timeout + TimeSpan.FromSeconds(3);
        if (EmulatedBoard?.Clock is Gateway.Board.Emulated.Simulator.SimulatedClock clock)
        {
            clock.Advance((long)timeout.TotalMilliseconds + 1);
            wait = TimeSpan.FromSeconds(2);
        }

        LinkEndReason end;
        try
        {
            end = await Session.Client.Completion.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The board's CLOSE is not retransmitted and may be lost: ask the old session something. A board that
            // ended it answers "not authenticated" (SessionLost); one that did not, answers.
            try
            {
                await Session.Client.DeclareAsync(1, Memory.MemoryManager.RootCred(), true, cancellationToken).ConfigureAwait(false);
                end = LinkEndReason.Unresponsive;
            }
            catch (LinkSessionEndedException e)
            {
                end = e.EndReason;
            }
        }

        subscription.Dispose();
        await Session.Client.DisposeAsync().ConfigureAwait(false);
        arrived.Dispose();
        return end;
    }

    /// <summary>The host drops the transport without CLOSE; only where each session has a stream of its own.</summary>
    private async Task<LinkEndReason> DropAsync()
    {
        if (target.Lacks(SessionCapability.Drop) is string cannot)
        {
            throw new NotSupportedException(cannot);
        }

        subscription.Dispose();
        await Session.Client.DropAsync().ConfigureAwait(false);
        arrived.Dispose();
        return LinkEndReason.StreamClosed;
    }

    private static string Name(LinkEndReason reason) => reason switch
    {
        LinkEndReason.Closed => "closed",
        LinkEndReason.Replaced => "replaced",
        LinkEndReason.TimedOut => "timed out",
        LinkEndReason.StreamClosed => "dropped",
        LinkEndReason.Unresponsive => "still open: the board answers the silent session",
        _ => reason.ToString(),
    };

    public async ValueTask DisposeAsync()
    {
        subscription.Dispose();
        await TransportFailure.CloseQuietlyAsync(Session.Client).ConfigureAwait(false);
        arrived.Dispose();
    }

    internal Task AfterRequestAsync(CancellationToken cancellationToken) => target.AfterRequestAsync(this, cancellationToken);

    /// <summary>The session's channel with the target's hook after every request (<c>reset-after=N</c>).</summary>
    private sealed class HookedChannel(IBoardChannel inner, LinkTargetSession session) : IBoardChannel
    {
        public int MaxMessageSize => inner.MaxMessageSize;

        public async Task<BoardReply> SendAsync(int pid, int coid, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
        {
            BoardReply reply = await inner.SendAsync(pid, coid, message, cancellationToken).ConfigureAwait(false);
            await session.AfterRequestAsync(cancellationToken).ConfigureAwait(false);
            return reply;
        }

        public Task<int> DeclareProcessAsync(int pid, CredInfo cred, bool is64Bit, CancellationToken cancellationToken = default) =>
            inner.DeclareProcessAsync(pid, cred, is64Bit, cancellationToken);
    }
}
