using System.Collections.Generic;
using System.Linq;
using System;
using Gateway.Host.Targets;

namespace Gateway.Host.Conformance.Results;

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
