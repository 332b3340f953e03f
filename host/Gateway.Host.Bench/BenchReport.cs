using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Host.Bench;

/// <summary>One budget of system.md §6 checked against a measured figure.</summary>
/// <param name="Name">The budget, as §6 words it.</param>
/// <param name="Measured">The figure it is judged on.</param>
/// <param name="Limit">The limit, with its comparison ("≤ 1.02").</param>
/// <param name="Met">Whether the figure is within the limit.</param>
public sealed record BudgetCheck(string Name, string Measured, string Limit, bool Met);

/// <summary>Where the figures were taken.</summary>
public sealed record MachineInfo(int Processors, string Cpu, string Runtime, string Os)
{
    public static MachineInfo Current() => new(Environment.ProcessorCount, CpuModel(), RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription);

    public override string ToString() => $"{Processors} × {Cpu}, {Runtime}, {Os}";

    private static string CpuModel()
    {
        try
        {
            string? line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
            return line != null ? line[(line.IndexOf(':') + 1)..].Trim() : RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}

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
    IReadOnlyList<FramePathResult> FramePath)
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
