using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading;
using Gateway.Protocol.Platform;

namespace Gateway.InProcess.Fuzz;

/// <summary>What a run did.</summary>
public sealed class FuzzReport
{
    public int Seed { get; init; }
    public long Inputs { get; set; }
    public long Epochs { get; set; }
    public int Boards { get; set; }
    public TimeSpan Elapsed { get; set; }
    public double InputsPerSecond => Elapsed.TotalSeconds > 0 ? Inputs / Elapsed.TotalSeconds : 0;
    public long MemoryAfterWarmup { get; set; }
    public long MemoryAtEnd { get; set; }
    public long MemoryPeak { get; set; }
    public long[] Outcomes { get; set; } = Array.Empty<long>();
    public List<FuzzFinding> Findings { get; } = new();
    public bool Hung { get; set; }

    public string Summary()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"seed {Seed}: {Inputs} inputs in {Elapsed.TotalSeconds:F1} s ({InputsPerSecond:F0} inputs/s), {Epochs} epochs, {Boards} boards");
        sb.AppendLine($"managed heap: {MemoryAfterWarmup / 1024} KiB after warm-up, {MemoryAtEnd / 1024} KiB at the end, peak sample {MemoryPeak / 1024} KiB");
        sb.Append("replies:");
        for (int i = 0; i < Outcomes.Length; i++)
        {
            if (Outcomes[i] > 0)
            {
                sb.Append(i == 0 ? $" ok {Outcomes[i]}" : $", {Protocol.Qnx.Errno.Name(i) ?? i.ToString()} {Outcomes[i]}");
            }
        }

        sb.AppendLine();
        sb.AppendLine($"findings: {Findings.Count}{(Hung ? " (the run stopped at a hang)" : string.Empty)}");
        foreach (var f in Findings)
        {
            sb.Append(f);
        }

        return sb.ToString();
    }
}
