using System;
using System.Collections.Generic;
using System.Linq;

namespace Gateway.Host.Conformance.Results;

public enum Outcome
{
    Pass,
    Fail,
    Skip,
}

/// <summary>One judgement: the rule it checks, what was expected and what was observed.</summary>
public sealed record CheckResult(string Rule, string Check, string Expected, string Observed, bool Passed)
{
    public override string ToString() => Passed
        ? $"{Rule} {Check}: {Observed}"
        : $"{Rule} {Check}: expected {Expected}, observed {Observed}";
}

/// <summary>A message sent during a step, as reports print it.</summary>
public sealed record MessageRecord(int Pid, int Coid, string Kind, string Reply)
{
    public override string ToString() => $"pid {Pid} coid 0x{Coid:x}: {Kind} → {Reply}";
}

/// <summary>The result of one step: its checks (expectations and the automatic reply checks of behaviour.md §4) and the messages it sent.</summary>
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

/// <summary>The result of one scenario in one session (or two, when a board reset made the runner retry it).</summary>
public sealed class ScenarioResult
{
    public required string Name { get; init; }

    public required string File { get; init; }

    public string? Title { get; init; }

    public string? Area { get; init; }

    public IReadOnlyList<string> Rules { get; init; } = Array.Empty<string>();

    /// <summary>The boot id of the board in the scenario's session.</summary>
    public string? BootId { get; set; }

    /// <summary>Set (to the session's boot id) when the link was lost during the scenario.</summary>
    public string? LinkLostOnBoot { get; set; }

    /// <summary>The session the scenario ran on (e.g. "emulated board (64-bit)").</summary>
    public string? Target { get; set; }

    public List<StepResult> Steps { get; } = new();

    /// <summary>Why the scenario was skipped (needs a 32-bit board, a declared EEPROM, a known bug …).</summary>
    public string? SkipReason { get; set; }

    /// <summary>A failure of the scenario as a whole (the session could not start, a process could not be declared …).</summary>
    public string? Error { get; set; }

    /// <summary>Set when a board reset interrupted an earlier attempt; the steps are the retry's.</summary>
    public string? Interrupted { get; set; }

    /// <summary>True when the board reset again during the retry (the result is a failure).</summary>
    public bool ResetAgain { get; set; }

    public Outcome Outcome =>
        SkipReason != null ? Outcome.Skip
        : Error != null || ResetAgain || Steps.Any(s => s.Outcome == Outcome.Fail) ? Outcome.Fail
        : Outcome.Pass;

    public IEnumerable<CheckResult> Checks => Steps.SelectMany(s => s.Checks);

    public IEnumerable<CheckResult> Failures => Checks.Where(c => !c.Passed);
}

/// <summary>One row of the per-rule table: how many checks citing the rule passed, failed, were skipped.</summary>
public sealed record RuleRow(string Rule, int Passed, int Failed, int Skipped, IReadOnlyList<string> Scenarios)
{
    public Outcome Outcome => Failed > 0 ? Outcome.Fail : Passed > 0 ? Outcome.Pass : Outcome.Skip;
}

/// <summary>The results of a run (one scenario file, or the suite).</summary>
public sealed class SuiteResult
{
    public required string Target { get; init; }

    public List<ScenarioResult> Scenarios { get; } = new();

    public int Passed => Scenarios.Count(s => s.Outcome == Outcome.Pass);

    public int Failed => Scenarios.Count(s => s.Outcome == Outcome.Fail);

    public int Skipped => Scenarios.Count(s => s.Outcome == Outcome.Skip);

    /// <summary>The fault soak's audit (<c>--soak</c>), when the run was one.</summary>
    public SoakReport? Soak { get; set; }

    public bool Ok => Failed == 0 && Soak?.Ok != false;

    /// <summary>Rule rows in rule order (§… first, then RM-0 … RM-18, MM-1 … MM-12, then the rest).</summary>
    public IReadOnlyList<RuleRow> ByRule()
    {
        var rows = new Dictionary<string, (int P, int F, int S, SortedSet<string> Names)>(StringComparer.Ordinal);
        void Count(string rule, string scenario, int p, int f, int s)
        {
            if (!rows.TryGetValue(rule, out var row))
            {
                row = (0, 0, 0, new SortedSet<string>(StringComparer.Ordinal));
            }

            row.Names.Add(scenario);
            rows[rule] = (row.P + p, row.F + f, row.S + s, row.Names);
        }

        foreach (ScenarioResult sc in Scenarios)
        {
            if (sc.Outcome == Outcome.Skip)
            {
                foreach (string rule in sc.Rules)
                {
                    Count(rule, sc.Name, 0, 0, 1);
                }

                continue;
            }

            if (sc.Error != null || sc.ResetAgain)
            {
                foreach (string rule in sc.Rules)
                {
                    Count(rule, sc.Name, 0, 1, 0);
                }
            }

            foreach (StepResult step in sc.Steps)
            {
                if (step.Skipped)
                {
                    foreach (string rule in step.Rules)
                    {
                        Count(rule, sc.Name, 0, 0, 1);
                    }
                }

                foreach (CheckResult c in step.Checks)
                {
                    Count(c.Rule, sc.Name, c.Passed ? 1 : 0, c.Passed ? 0 : 1, 0);
                }
            }
        }

        return rows.Select(kv => new RuleRow(kv.Key, kv.Value.P, kv.Value.F, kv.Value.S, kv.Value.Names.ToList()))
            .OrderBy(r => RuleOrder(r.Rule)).ThenBy(r => r.Rule, StringComparer.Ordinal).ToList();
    }

    /// <summary>Sort key: §0 … §5, RM-0 … RM-18 (RM-2a after RM-2), MM-1 … MM-12, then anything else.</summary>
    public static (int Group, int Number, string Suffix) RuleOrder(string rule)
    {
        static (int, string) Number(string s)
        {
            int i = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            return (i == 0 ? 999 : int.Parse(s[..i], System.Globalization.CultureInfo.InvariantCulture), s[i..]);
        }

        if (rule.StartsWith('§'))
        {
            var (n, rest) = Number(rule[1..]);
            return (0, n, rest);
        }

        if (rule.StartsWith("RM-", StringComparison.Ordinal))
        {
            var (n, rest) = Number(rule[3..]);
            return (1, n, rest);
        }

        if (rule.StartsWith("MM-", StringComparison.Ordinal))
        {
            var (n, rest) = Number(rule[3..]);
            return (2, n, rest);
        }

        return (3, 0, rule);
    }
}
