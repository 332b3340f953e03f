using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace Gateway.Host.Conformance.Results;

/// <summary>
/// One reading of a board's /fw/status "link" counters against what the host sent it during the board's boot
/// (system.md §6: no request applied twice). Requests: REQUEST frames (QNX messages) — each sequence number once,
/// however often it was retransmitted — up to and including the read that took the snapshot; declares: DECLARE frames.
/// </summary>
public sealed record LinkAudit
{
    public required string Board { get; init; }

    /// <summary>When and through which session the status was read.</summary>
    public required string When { get; init; }

    public required string BootId { get; init; }

    /// <summary>Requests the host sent this board (sessions' sequence numbers, the audit's open and snapshot read included).</summary>
    public required long RequestsSent { get; init; }

    /// <summary>Of those, answered by a link refusal (an undeclared pid; "not authenticated" after a reset): never executed.</summary>
    public required long RequestsRefused { get; init; }

    public required long DeclaresSent { get; init; }

    /// <summary>Of those, answered "not authenticated" (sent to a board that had reset): never executed.</summary>
    public required long DeclaresRefused { get; init; }

    /// <summary>The host's retransmissions of requests and declares (the same sequence numbers sent again).</summary>
    public required long Retransmits { get; init; }

    /// <summary>The board's <c>requests-applied</c>.</summary>
    public required long RequestsApplied { get; init; }

    /// <summary>The board's <c>declares-applied</c>.</summary>
    public required long DeclaresApplied { get; init; }

    /// <summary>The board's <c>duplicates-answered</c>: copies answered from the reply cache, nothing executed.</summary>
    public required long DuplicatesAnswered { get; init; }

    /// <summary>The board's <c>drop-duplicate-held</c>: a second copy of an early arrival, dropped.</summary>
    public required long DuplicatesHeld { get; init; }

    /// <summary>The board's <c>drop-stale</c>.</summary>
    public required long Stale { get; init; }

    /// <summary>The board's <c>drop-crc</c> + <c>drop-header</c>: corrupt frames dropped, never acted on.</summary>
    public required long CorruptDropped { get; init; }

    /// <summary>The board's <c>sessions-opened</c>.</summary>
    public required long Sessions { get; init; }

    /// <summary>Every request executed exactly once: applied = sent − refused, and every declare once.</summary>
    public bool Ok => RequestsApplied == RequestsSent - RequestsRefused && DeclaresApplied == DeclaresSent - DeclaresRefused;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Ok ? "ok" : "FAIL")} {Board}, boot {BootId}, {When}: requests-applied {RequestsApplied} = {RequestsSent} sent − {RequestsRefused} refused by the link{(Ok ? "" : " (MISMATCH)")}; declares-applied {DeclaresApplied} = {DeclaresSent} sent − {DeclaresRefused} refused; duplicates-answered {DuplicatesAnswered} (host retransmits {Retransmits}), duplicate early arrivals dropped {DuplicatesHeld}, stale {Stale}, corrupt frames dropped {CorruptDropped}; {Sessions} sessions");
}

/// <summary>A board of a soak run: its fault seeds (one per session, in order) and the faults injected on its links.</summary>
public sealed record SoakBoard(string Name, string Uri, IReadOnlyList<int> Seeds, long Dropped, long Corrupted, long Duplicated, long Reordered, long Delayed)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {Seeds.Count} sessions, fault seeds {(Seeds.Count == 0 ? "none" : Seeds.Count <= 3 ? string.Join(", ", Seeds) : $"{Seeds[0]}, {Seeds[1]} … {Seeds[^1]}")}; injected: {Dropped} dropped, {Corrupted} corrupted, {Duplicated} duplicated, {Reordered} reordered, {Delayed} delayed");
}

/// <summary>A board reset the run caused (<c>reset-after=N</c>): when, the boot ids, and the audit just before it.</summary>
public sealed record BoardResetRecord(long AfterRequest, string Board, string OldBootId, string NewBootId, LinkAudit Before);

/// <summary>What a fault soak proved: the audits of every board of the run, its seeds, the faults injected, the resets.</summary>
public sealed class SoakReport
{
    public required string Target { get; init; }

    public required double FaultRate { get; init; }

    public required int FaultSeed { get; init; }

    public required IReadOnlyList<SoakBoard> Boards { get; init; }

    public required IReadOnlyList<LinkAudit> Audits { get; init; }

    public required IReadOnlyList<BoardResetRecord> Resets { get; init; }

    public bool Ok => Audits.Count > 0 && Audits.All(a => a.Ok);

    /// <summary>The whole run, suite and audit (set by the caller that timed it).</summary>
    public TimeSpan Elapsed { get; set; }

    public long RequestsSent => Audits.Sum(a => a.RequestsSent);

    public long RequestsApplied => Audits.Sum(a => a.RequestsApplied);

    public long DuplicatesAnswered => Audits.Sum(a => a.DuplicatesAnswered);

    /// <summary>The lines a run prints (every board, every audit, every reset).</summary>
    public IEnumerable<string> Lines()
    {
        yield return string.Create(CultureInfo.InvariantCulture,
            $"soak {Target}: faults {FaultRate:0.###%} each, seed {FaultSeed}, {Elapsed.TotalSeconds:0.0} s; {(Ok ? "no request applied twice" : "AUDIT FAILED")}: requests-applied {RequestsApplied} = sent {RequestsSent} − refused {Audits.Sum(a => a.RequestsRefused)}; duplicates-answered {DuplicatesAnswered}");
        foreach (SoakBoard b in Boards)
        {
            yield return "  " + b;
        }

        foreach (BoardResetRecord r in Resets)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"  reset after request {r.AfterRequest}: {r.Board}, boot id {r.OldBootId} → {r.NewBootId}");
        }

        foreach (LinkAudit a in Audits)
        {
            yield return "  " + a;
        }
    }

    public JsonObject ToJson() => new()
    {
        ["target"] = Target,
        ["fault_rate"] = FaultRate,
        ["fault_seed"] = FaultSeed,
        ["ok"] = Ok,
        ["elapsed_s"] = Math.Round(Elapsed.TotalSeconds, 1),
        ["requests_sent"] = RequestsSent,
        ["requests_applied"] = RequestsApplied,
        ["duplicates_answered"] = DuplicatesAnswered,
        ["boards"] = new JsonArray(Boards.Select(b => (JsonNode)new JsonObject
        {
            ["name"] = b.Name,
            ["uri"] = b.Uri,
            ["seeds"] = new JsonArray(b.Seeds.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()),
            ["injected"] = new JsonObject { ["dropped"] = b.Dropped, ["corrupted"] = b.Corrupted, ["duplicated"] = b.Duplicated, ["reordered"] = b.Reordered, ["delayed"] = b.Delayed },
        }).ToArray()),
        ["resets"] = new JsonArray(Resets.Select(r => (JsonNode)new JsonObject
        {
            ["after_request"] = r.AfterRequest,
            ["board"] = r.Board,
            ["old_boot_id"] = r.OldBootId,
            ["new_boot_id"] = r.NewBootId,
        }).ToArray()),
        ["audits"] = new JsonArray(Audits.Select(a => (JsonNode)new JsonObject
        {
            ["board"] = a.Board,
            ["when"] = a.When,
            ["boot_id"] = a.BootId,
            ["ok"] = a.Ok,
            ["requests_sent"] = a.RequestsSent,
            ["requests_refused"] = a.RequestsRefused,
            ["requests_applied"] = a.RequestsApplied,
            ["declares_sent"] = a.DeclaresSent,
            ["declares_refused"] = a.DeclaresRefused,
            ["declares_applied"] = a.DeclaresApplied,
            ["duplicates_answered"] = a.DuplicatesAnswered,
            ["retransmits"] = a.Retransmits,
            ["duplicate_early_arrivals_dropped"] = a.DuplicatesHeld,
            ["stale_dropped"] = a.Stale,
            ["corrupt_dropped"] = a.CorruptDropped,
            ["sessions_opened"] = a.Sessions,
        }).ToArray()),
    };
}
