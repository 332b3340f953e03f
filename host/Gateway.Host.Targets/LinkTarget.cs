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
/// injector (<c>faults=RATE&amp;seed=N</c>). Each session is a fresh authenticated link session. On the emulated
/// boards (<c>link+emu:</c>, <c>pty:</c>), like <c>emu:</c>, the options the URI leaves open follow each session's
/// needs — one board per configuration (64- or 32-bit, quirks or not; on <c>pty:</c> a child process each), started
/// when a session first needs it and kept for the run, so each board serves many sessions and (link+emu:) its
/// counters cover all of them (<see cref="AuditAsync"/>); options the URI pins skip scenarios needing others. For
/// real boards /fw/map decides.
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

    /// <summary>
    /// True when the options the URI leaves open follow each session's needs: the emulated boards the harness runs
    /// itself (<c>link+emu:</c> in this process, <c>pty:</c> in a child process), one per configuration.
    /// </summary>
    private bool FollowsScenario => IsEmulated || uri.Scheme == TargetScheme.Pty;

    public string? CannotProvide(TargetRequirements requirements)
    {
        if (!FollowsScenario)
        {
            // A real board has its own width and resources: /fw/map decides (the runner).
            return null;
        }

        if (uri.Bits is int bits && requirements.Bits is int want && want != bits)
        {
            return $"needs a {want}-bit board; {Uri} is {bits}-bit";
        }

        if (requirements.Quirks && uri.Quirks == false)
        {
            return $"needs the quirk resources; {Uri} has them off";
        }

        return null;
    }

    public string? Lacks(SessionCapability capability) => LinkCapabilities.Lacks(uri, capability);

    public async Task<ITargetSession> OpenSessionAsync(TargetRequirements requirements, CancellationToken cancellationToken = default)
    {
        LinkBoard board = FollowsScenario
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
        else if (!FollowsScenario)
        {
            // A real board has its own width and quirks; these only name it.
            bits = 64;
            quirks = false;
        }

        var target = new BoardTarget(uri, LinkSettings(), key, bits == 64, quirks, FaultRate, seed);
        b = new LinkBoard(order.Count, target.Name, target);
        boards[FollowsScenario ? (bits, quirks) : (0, false)] = b;
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
