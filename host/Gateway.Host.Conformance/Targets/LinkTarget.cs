using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Link;
using Gateway.Host.Targets;
using Gateway.Protocol.Messages;

namespace Gateway.Host.Conformance.Targets;

/// <summary>
/// <c>pty:</c>, <c>serial:</c> and <c>tcp://</c> (and <c>emu:</c> through the link, as <c>link+emu:</c>): the
/// link's <see cref="BoardTarget"/>, each scenario on a fresh authenticated session.
/// </summary>
public sealed class LinkTargetFactory : ITargetFactory
{
    public IReadOnlyList<string> Schemes { get; } = new[] { "pty", "serial", "tcp", "link+emu" };

    public ITarget Create(TargetUri uri, TargetSettings settings)
    {
        try
        {
            return new LinkTarget(uri, settings);
        }
        catch (TargetException e) when (e.IsUsageError)
        {
            throw new TargetUriException(e.Message);
        }
    }
}

/// <summary>
/// A board over the link. Board width and quirks pinned by the URI (pty:) skip scenarios needing others; for real
/// boards /fw/map decides. <c>link+emu:</c> is the emulated board in this process behind the whole link (frames,
/// retransmission, the reply cache), optionally through the fault injector (<c>faults=RATE&amp;seed=N</c>): like
/// <c>emu:</c>, the options the URI leaves open follow each scenario's needs — one board per configuration (64- or
/// 32-bit, quirks or not), started when a scenario first needs it and kept for the run, so each board serves many
/// sessions and its counters cover all of them (<see cref="AuditAsync"/>). <c>reset-after=N</c> resets the board in
/// use once, right after the host's N-th request of the run (see <see cref="Resets"/>).
/// </summary>
public sealed class LinkTarget : ITarget, IAsyncDisposable
{
    /// <summary>Fault seeds of the boards of one run lie this far apart (board k: seed + k × this).</summary>
    public const int BoardSeedStride = 100_000;

    private readonly TargetUri parsed;
    private readonly TargetSettings settings;
    private readonly Dictionary<(int Bits, bool Quirks), LinkBoard> boards = new();
    private readonly List<LinkBoard> order = new();
    private readonly List<BoardResetRecord> resets = new();
    private readonly int? pinnedBits;
    private readonly bool? pinnedQuirks;
    private readonly long resetAfter;
    private long requests;

    public LinkTarget(TargetUri parsed, TargetSettings settings)
    {
        this.parsed = parsed;
        this.settings = settings;
        Uri = parsed.Text;
        IsEmulated = parsed.Scheme == "link+emu";
        if (parsed.Options.TryGetValue("bits", out string? b))
        {
            pinnedBits = b == "32" ? 32 : 64;
        }

        if (parsed.Options.TryGetValue("quirks", out string? q))
        {
            pinnedQuirks = q == "1";
        }

        if (parsed.Options.TryGetValue("reset-after", out string? r))
        {
            if (!IsEmulated || !long.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out resetAfter) || resetAfter < 1)
            {
                throw new TargetException($"bad target '{Uri}': reset-after=N (N ≥ 1 requests) is for link+emu: only", usage: true);
            }
        }

        // The URI's options are checked here, at once (exit 2), by the link's own target (which starts nothing yet).
        string board = IsEmulated
            ? "emu:" + string.Concat(parsed.Options.Where(o => o.Key != "reset-after").Select((o, i) => $"{(i == 0 ? "?" : "&")}{o.Key}={o.Value}"))
            : parsed.Text;
        _ = BoardTarget.Create(board, Options());
        FaultRate = parsed.Options.TryGetValue("faults", out string? f) ? double.Parse(f, CultureInfo.InvariantCulture) : 0;
        FaultSeed = parsed.Options.TryGetValue("seed", out string? s)
            ? int.Parse(s, CultureInfo.InvariantCulture)
            : Random.Shared.Next(1, int.MaxValue / 4);
    }

    public string Uri { get; }

    /// <summary>True for <c>link+emu:</c>: boards in this process, which <see cref="AuditAsync"/> can audit and a reset can restart.</summary>
    public bool IsEmulated { get; }

    /// <summary>The rate of each link fault (link+emu: only), 0 for none.</summary>
    public double FaultRate { get; }

    /// <summary>The run's fault seed (<c>seed=N</c>, else random): board k's session i uses <c>seed + k × 100000 + 2i</c>.</summary>
    public int FaultSeed { get; }

    /// <summary>The board resets this run caused (<c>reset-after=N</c>).</summary>
    public IReadOnlyList<BoardResetRecord> Resets => resets;

    public string? CannotProvide(TargetRequirements requirements)
    {
        if (parsed.Scheme == "pty" || (IsEmulated && pinnedBits != null))
        {
            int bits = pinnedBits ?? 64;
            if (requirements.Bits is int want && want != bits)
            {
                return $"needs a {want}-bit board; {Uri} is {bits}-bit";
            }
        }

        if (requirements.Quirks && (parsed.Scheme == "pty" || IsEmulated) && pinnedQuirks != true && !(IsEmulated && pinnedQuirks == null))
        {
            return $"needs the quirk resources; add ?quirks=1 to {Uri}";
        }

        return null;
    }

    public async Task<ITargetSession> OpenSessionAsync(TargetRequirements requirements, CancellationToken cancellationToken = default)
    {
        LinkBoard board = IsEmulated
            ? Board(pinnedBits ?? requirements.Bits ?? 64, pinnedQuirks ?? requirements.Quirks)
            : Board(0, false);
        try
        {
            return new LinkSession(this, board, await board.Target.OpenSessionAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (TargetException e)
        {
            throw new TargetUnreachableException(e.Message, e);
        }
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
            BoardSession session;
            try
            {
                session = await board.Target.OpenSessionAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (TargetException e)
            {
                throw new TargetUnreachableException(e.Message, e);
            }

            board.Add(session.Client);
            int declared = await session.Channel.DeclareProcessAsync(1, Memory.MemoryManager.RootCred(), true, cancellationToken).ConfigureAwait(false);
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

        string text;
        if (IsEmulated)
        {
            int seed = (int)((FaultSeed + ((long)order.Count * BoardSeedStride)) % (int.MaxValue / 2));
            text = BoardUri(bits, quirks, seed);
            if (FaultRate > 0)
            {
                settings.Log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                    $"{Uri}: board {order.Count} ({bits}-bit{(quirks ? ", quirks" : "")}): link faults {FaultRate:0.###%} each of drop, corrupt, duplicate, reorder, delay; fault seed {seed} (session i: {seed} + 2i; the run's seed={FaultSeed})"));
            }
        }
        else
        {
            text = parsed.Text;
        }

        b = new LinkBoard(order.Count, text, BoardTarget.Create(text, Options()));
        boards[(bits, quirks)] = b;
        order.Add(b);
        return b;
    }

    private string BoardUri(int bits, bool quirks, int seed)
    {
        var o = new List<string> { $"bits={bits}", $"quirks={(quirks ? 1 : 0)}" };
        if (FaultRate > 0)
        {
            o.Add(string.Create(CultureInfo.InvariantCulture, $"faults={FaultRate}"));
            o.Add(string.Create(CultureInfo.InvariantCulture, $"seed={seed}"));
        }

        return "emu:?" + string.Join("&", o);
    }

    private TargetOptions Options() => new()
    {
        KeyFile = settings.KeyFile,
        ConnectTimeout = settings.ConnectTimeout,
        Log = settings.Verbose ? settings.Log : null,
    };

    /// <summary>After every request of the run: the <c>reset-after=N</c> hook.</summary>
    internal async Task AfterRequestAsync(LinkSession session, CancellationToken cancellationToken)
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

/// <summary>One link session: its channel, the board's boot id, and its events.</summary>
public sealed class LinkSession : ITargetSession
{
    private readonly ConcurrentQueue<BoardEvent> events = new();
    private readonly SemaphoreSlim arrived = new(0);
    private readonly IDisposable subscription;
    private readonly LinkTarget target;

    internal LinkSession(LinkTarget target, LinkBoard board, BoardSession session)
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
            events.Enqueue(new BoardEvent(e.Source, e.Code, e.Value, e.Counter));
            arrived.Release();
        });
    }

    public BoardSession Session { get; }

    internal LinkBoard LinkBoard { get; }

    public IBoardChannel Channel { get; }

    public string Description { get; }

    public string BootId { get; }

    /// <summary>The link reports a restarted board as a lost session; the runner then compares boot ids.</summary>
    public bool ResetDetected => false;

    public async Task<BoardEvent?> NextEventAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (await arrived.WaitAsync(timeout, cancellationToken).ConfigureAwait(false) && events.TryDequeue(out BoardEvent e))
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

    public async Task<SessionHandover> ContinueAsync(SessionEnd how, CancellationToken cancellationToken = default)
    {
        try
        {
            if (how == SessionEnd.Close)
            {
                await DisposeAsync().ConfigureAwait(false);
                LinkEndReason closed = await Session.Client.Completion.ConfigureAwait(false);
                BoardSession next = await Session.Target.OpenSessionAsync(cancellationToken).ConfigureAwait(false);
                return new SessionHandover(new LinkSession(target, LinkBoard, next), Name(closed));
            }

            var (session, oldEnd) = await Session.Target.ReplaceSessionAsync(cancellationToken).ConfigureAwait(false);
            string ended = oldEnd switch
            {
                null => "still open: the board answers it",
                // On the same boot, right after a session with this host id authenticated, nothing else ends a session.
                LinkEndReason.SessionLost => "replaced (the board's CLOSE was lost; it answered the old session \"not authenticated\")",
                LinkEndReason r => Name(r),
            };
            var handover = new SessionHandover(new LinkSession(target, LinkBoard, session), ended);
            subscription.Dispose();
            arrived.Dispose();
            return handover;
        }
        catch (TargetException e)
        {
            throw new TargetUnreachableException(e.Message, e);
        }
    }

    private static string Name(LinkEndReason reason) => reason switch
    {
        LinkEndReason.Closed => "closed",
        LinkEndReason.Replaced => "replaced",
        _ => reason.ToString(),
    };

    public async ValueTask DisposeAsync()
    {
        subscription.Dispose();
        try
        {
            await Session.Client.CloseAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is LinkException or System.IO.IOException or ObjectDisposedException or OperationCanceledException)
        {
        }

        arrived.Dispose();
    }

    internal Task AfterRequestAsync(CancellationToken cancellationToken) => target.AfterRequestAsync(this, cancellationToken);

    /// <summary>The session's channel with the target's hook after every request (<c>reset-after=N</c>).</summary>
    private sealed class HookedChannel(IBoardChannel inner, LinkSession session) : IBoardChannel
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
