using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace Gateway.Host.Targets;

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
