using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Wire;
using Gateway.Protocol.Qnx;

namespace Gateway.Host.Conformance.Runner;

/// <summary>
/// The comparisons steps make between what they expect and what they observed, each added to the step's result
/// once per rule it cites. Expectations are evaluated against the run's names (<see cref="Bindings"/>).
/// </summary>
internal sealed class StepChecks(IExprContext names)
{
    /// <summary>The errno the step observed against <c>expect.errno</c> (success when the step expects none).</summary>
    public void Errno(Step step, StepResult r, int observed)
    {
        ulong want = step.Expect.Errno is Expr e ? e.Evaluate(names) : 0;
        r.Observed["errno"] = observed;
        r.AddForRules("errno", ErrnoText((int)want), ErrnoText(observed), (ulong)(long)observed == want);
    }

    /// <summary>An observed integer against <c>expect.KEY</c>, when the step expects one.</summary>
    public void Value(Step step, StepResult r, string key, ulong observed)
    {
        Observe(r, key, observed);
        if (step.Expect.Value(key) is Expr e)
        {
            var (holds, expected) = Comparison.Judge(e, observed, names);
            r.AddForRules(key, expected, Values.Number(observed), holds);
        }
    }

    /// <summary>Records what the step observed under <paramref name="key"/> (a copy), for captures.</summary>
    public static void Observe(StepResult r, string key, JsonNode? observed) => r.Observed[key] = observed?.DeepClone();

    /// <summary>Records an observed integer (signed when its top bit is set, as the wire's signed fields are).</summary>
    public static void Observe(StepResult r, string key, ulong observed) => r.Observed[key] = observed > long.MaxValue ? JsonValue.Create(observed) : JsonValue.Create((long)observed);

    /// <summary>Observed JSON against a pattern (a subset match); null means there was nothing to compare.</summary>
    public void Pattern(StepResult r, string key, Pattern p, JsonNode? actual)
    {
        if (actual == null)
        {
            r.AddForRules(key, p.Describe(), "nothing to compare (absent or not decodable)", false);
            return;
        }

        var mismatches = new List<string>();
        p.Match(actual, key, names, mismatches);
        r.AddForRules(key, p.Describe(), mismatches.Count == 0 ? "matches" : string.Join("; ", mismatches), mismatches.Count == 0);
    }

    /// <summary>Observed bytes against the expected ones, both shown as hex.</summary>
    public void Bytes(StepResult r, string key, BytesSpec spec, byte[] observed)
    {
        byte[] want = spec.Evaluate(names);
        r.Observed[key] = HexText.Format(observed);
        r.AddForRules(key, HexText.Format(want), HexText.Format(observed), want.AsSpan().SequenceEqual(observed));
    }

    public static string ErrnoText(int errno) => errno == 0 ? "EOK (0)" : $"{Protocol.Qnx.Errno.Name(errno) ?? "errno"} ({errno})";

    public static string Shorten(string s) => s.Length <= 120 ? s : s[..117] + "...";
}
