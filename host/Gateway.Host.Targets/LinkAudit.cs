using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace Gateway.Host.Targets;

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
