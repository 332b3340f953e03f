using System;
using System.Collections.Generic;
using System.Linq;

namespace Gateway.Host.Conformance.Results;

/// <summary>The result of one step: its checks (expectations and the automatic reply checks of rules.md §4) and the messages it sent.</summary>
public sealed class StepResult
{
    public required int Index { get; init; }

    /// <summary>"3" for a top-level step, "5.2[7]" inside a repeat (step 2 of step 5, iteration 7).</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Op { get; init; }

    public required IReadOnlyList<string> Rules { get; init; }

    public List<CheckResult> Checks { get; } = new();

    public List<MessageRecord> Messages { get; } = new();

    /// <summary>Why the step was skipped, or the error that stopped it.</summary>
    public string? Note { get; set; }

    public bool Skipped { get; set; }

    /// <summary>What the step observed, by key (<c>errno</c>, <c>reply</c>, <c>value</c>…): what captures read.</summary>
    internal System.Text.Json.Nodes.JsonObject Observed { get; } = new();

    public Outcome Outcome => Skipped ? Outcome.Skip : Checks.Any(c => !c.Passed) ? Outcome.Fail : Outcome.Pass;

    public void Add(string rule, string check, string expected, string observed, bool passed) =>
        Checks.Add(new CheckResult(rule, check, expected, observed, passed));

    /// <summary>Adds one check per cited rule (or "—" when the step cites none).</summary>
    public void AddForRules(string check, string expected, string observed, bool passed)
    {
        if (Rules.Count == 0)
        {
            Add("—", check, expected, observed, passed);
            return;
        }

        foreach (string rule in Rules)
        {
            Add(rule, check, expected, observed, passed);
        }
    }
}
