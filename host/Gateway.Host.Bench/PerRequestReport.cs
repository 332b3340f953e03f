using System.Collections.Generic;

namespace Gateway.Host.Bench;

/// <summary>
/// The per-request path in <c>gateway bench</c> (performance.md §1.1): the steady-state requests through the
/// resource manager, and the pieces issue 10 replaced, old beside new.
/// </summary>
public sealed record PerRequestReport(IReadOnlyList<RequestPathResult> Requests, IReadOnlyList<RequestPieceResult> Pieces)
{
    /// <summary>Both tables, about <paramref name="budgetMs"/> of timing per row (per side for the pieces).</summary>
    public static PerRequestReport Measure(int budgetMs) => new(RequestPath.MeasureAll(budgetMs), RequestPieceResult.MeasureAll(budgetMs));
}
