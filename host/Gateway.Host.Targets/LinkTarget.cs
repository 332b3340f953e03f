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

/// <summary>
/// A board over the link: <c>pty:</c>, <c>serial:</c>, <c>tcp://</c>, and <c>link+emu:</c> — the emulated board in
/// this process behind the whole link (frames, retransmission, the reply cache), optionally through the fault
/// injector (<c>faults=RATE&amp;seed=N</c>). Each session is a fresh authenticated link session. Board width and
/// quirks pinned by the URI (pty:) skip scenarios needing others; for real boards /fw/map decides. On
/// <c>link+emu:</c>, like <c>emu:</c>, the options the URI leaves open follow each session's needs — one board per
/// configuration (64- or 32-bit, quirks or not), started when a session first needs it and kept for the run, so
/// each board serves many sessions and its counters cover all of them (<see cref="AuditAsync"/>).
/// <c>reset-after=N</c> resets the board in use once, right after the host's N-th request of the run (see
/// <see cref="Resets"/>).
/// </summary>
public sealed class LinkTarget : ITarget
{
    /// <summary>Fault seeds of the boards of one run lie this far apart (board k: seed + k × this).</summary>
    public const int BoardSeedStride = 100_000;

    private readonly TargetUri uri;
    private readonly TargetSettings settings;
    private readonly byte[] key;
    private readonly Dictionary<(int Bits, bool Quirks), LinkBoard> boards = new();
    private readonly List<LinkBoard> order = new();
    private readonly List<BoardResetRecord> resets = new();
    private readonly long resetAfter;
    private long requests;

    internal LinkTarget(TargetUri uri, TargetSettings settings, byte[] key)
    {
        this.uri = uri;
        this.settings = settings;
        this.key = key;
        Uri = uri.ToString();
        IsEmulated = uri.Scheme == TargetScheme.LinkEmulated;
        resetAfter = uri.ResetAfter ?? 0;
        FaultRate = uri.FaultRate;
        FaultSeed = uri.Seed ?? Random.Shared.Next(1, int.MaxValue / 4);
    }

    public string Uri { get; }

    /// <summary>True for <c>link+emu:</c>: boards in this process, which <see cref="AuditAsync"/> can audit and a reset can restart.</summary>
    public bool IsEmulated { get; }

    /// <summary>The rate of each link fault (link+emu: only), 0 for none.</summary>
    public double FaultRate { get; }

    /// <summary>The run's fault seed (<c>seed=N</c>, else random): board k's session i uses <c>seed + k × 100000 + 2i</c>.</summary>
    public int FaultSeed { get; }

    /// <summary>The fault injectors of every session of every board so far (<c>link+emu:?faults=…</c>), with their seeds.</summary>
    public IReadOnlyList<Faults.FaultyLink> FaultyLinks => order.SelectMany(b => b.Target.FaultyLinks).ToList();

    /// <summary>The board resets this run caused (<c>reset-after=N</c>).</summary>
    public IReadOnlyList<BoardResetRecord> Resets => resets;

    public string? CannotProvide(TargetRequirements requirements)
    {
        if (uri.Scheme == TargetScheme.Pty || (IsEmulated && uri.Bits != null))
        {
            int bits = uri.Bits ?? 64;
            if (requirements.Bits is int want && want != bits)
            {
                return $"needs a {want}-bit board; {Uri} is {bits}-bit";
            }
        }

        if (requirements.Quirks && (uri.Scheme == TargetScheme.Pty || IsEmulated) && uri.Quirks != true && !(IsEmulated && uri.Quirks == null))
        {
            return $"needs the quirk resources; add ?quirks=1 to {Uri}";
        }

        return null;
    }

    public async Task<ITargetSession> OpenSessionAsync(TargetRequirements requirements, CancellationToken cancellationToken = default)
    {
        LinkBoard board = IsEmulated
            ? Board(uri.Bits ?? requirements.Bits ?? 64, uri.Quirks ?? requirements.Quirks)
            : Board(0, false);
        return new LinkTargetSession(this, board, await board.Target.OpenSessionAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The soak's proof (link+emu:): for every board of the run, /fw/status read through a fresh session (and, for a
    /// board that was reset, through the interrupted session just before the reset) against what the host sent it.
    /// </summary>
    public async Task<SoakReport> AuditAsync(CancellationToken cancellationToken = default)
    {
        if (!IsEmulated)
        {
            throw new InvalidOperationException($"{Uri}: only link+emu: boards can be audited (a real board's counters count since its boot, and other hosts' requests)");
        }

        var audits = new List<LinkAudit>();
        foreach (LinkBoard board in order)
        {
            audits.AddRange(board.Audits);
            BoardSession session = await board.Target.OpenSessionAsync(cancellationToken).ConfigureAwait(false);

            board.Add(session.Client);
            int declared = await session.Channel.DeclareProcessAsync(1, Gateway.Host.Memory.MemoryManager.RootCred(), true, cancellationToken).ConfigureAwait(false);
            if (declared != 0)
            {
                throw new InvalidOperationException($"the audit session could not declare pid 1: errno {declared}");
            }

            audits.Add(await board.AuditAsync(session.Client, "at the end of the run, through a fresh session", cancellationToken).ConfigureAwait(false));
            await session.Client.CloseAsync(cancellationToken).ConfigureAwait(false);
        }

        return new SoakReport
        {
            Target = Uri,
            FaultRate = FaultRate,
            FaultSeed = FaultSeed,
            Boards = order.Select(b => b.Describe()).ToList(),
            Audits = audits,
            Resets = resets.ToList(),
        };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (LinkBoard b in order)
        {
            await b.Target.DisposeAsync().ConfigureAwait(false);
        }
    }

    private LinkBoard Board(int bits, bool quirks)
    {
        if (boards.TryGetValue((bits, quirks), out LinkBoard? b))
        {
            return b;
        }

        int seed = FaultSeed;
        if (IsEmulated)
        {
            seed = (int)((FaultSeed + ((long)order.Count * BoardSeedStride)) % (int.MaxValue / 2));
            if (FaultRate > 0)
            {
                settings.Log?.Invoke(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{Uri}: board {order.Count} ({bits}-bit{(quirks ? ", quirks" : "")}): link faults {FaultRate:0.###%} each of drop, corrupt, duplicate, reorder, delay; fault seed {seed} (session i: {seed} + 2i; the run's seed={FaultSeed})"));
            }
        }
        else
        {
            // pty: pins its width and quirks in the URI (the child is started with them); a real board has its own.
            bits = uri.Bits ?? 64;
            quirks = uri.Quirks ?? false;
        }

        var target = new BoardTarget(uri, LinkSettings(), key, bits == 64, quirks, FaultRate, seed);
        b = new LinkBoard(order.Count, target.Name, target);
        boards[IsEmulated ? (bits, quirks) : (0, false)] = b;
        order.Add(b);
        return b;
    }

    /// <summary>The settings each board's link sessions use: link events to the log only when verbose.</summary>
    private TargetSettings LinkSettings() => settings with { Log = settings.Verbose ? settings.Log : null };

    /// <summary>After every request of the run: the <c>reset-after=N</c> hook.</summary>
    internal async Task AfterRequestAsync(LinkTargetSession session, CancellationToken cancellationToken)
    {
        if (resetAfter == 0 || Interlocked.Increment(ref requests) != resetAfter)
        {
            return;
        }

        LinkBoard board = session.LinkBoard;
        string oldBoot = session.BootId;
        LinkAudit before = await board.AuditAsync(session.Session.Client, $"just before the reset after request {resetAfter}, through the session it interrupted", cancellationToken).ConfigureAwait(false);
        board.Audits.Add(before);
        board.Reset();
        string newBoot = Convert.ToHexStringLower(board.Target.EmulatedBoard!.BootId);
        var record = new BoardResetRecord(resetAfter, board.Describe().Name, oldBoot, newBoot, before);
        resets.Add(record);
        settings.Log?.Invoke($"{Uri}: the board ({record.Board}) was reset after request {resetAfter}: boot id {oldBoot} → {newBoot}");
    }
}

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
    /// link+emu: only — the board in use is power-cycled (as <c>reset-after=N</c> does, but where the scenario says):
    /// no CLOSE, a new boot id, tables and /data afresh; then a session on the new boot.
    /// </summary>
    public async Task<SessionHandover> RebootAsync(CancellationToken cancellationToken = default)
    {
        if (EmulatedBoard == null)
        {
            throw new NotSupportedException($"{target.Uri}: the harness cannot restart this board (only emu: and link+emu: boards run in its process)");
        }

        LinkBoard.Reset();
        subscription.Dispose();
        // The old session's CLOSE reaches the new boot, which answers "not authenticated": nothing to wait for.
        await TransportFailure.CloseQuietlyAsync(Session.Client).ConfigureAwait(false);
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
        if (!Session.Target.StreamPerSession)
        {
            throw new NotSupportedException($"{target.Uri} is one line for every session: the harness cannot drop it and connect again (link+emu:, tcp:// can)");
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
