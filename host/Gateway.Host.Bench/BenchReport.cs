using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Host.Bench;

/// <summary>Everything <c>gateway bench</c> measured, and the budgets judged on it; serialised as its <c>--json</c>.</summary>
public sealed record BenchReport(
    MachineInfo Machine,
    bool Full,
    string Clock,
    IReadOnlyList<PageInResult> Efficiency,
    IReadOnlyList<RoundTripResult> RoundTrips,
    IReadOnlyList<PageInResult> Throughput,
    IReadOnlyList<LatencyResult> Latency,
    IReadOnlyList<BudgetCheck> Budgets,
    IReadOnlyList<FramePathResult> FramePath,
    IReadOnlyList<PtyBulkResult> BulkRead,
    PerRequestReport PerRequest)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public bool BudgetsMet => Budgets.All(b => b.Met);

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
