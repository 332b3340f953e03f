using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Gateway.Host.Conformance.Format;

/// <summary>
/// Format 2: an expected integer written as an object of comparisons, all of which must hold —
/// <c>{"&gt;=": E}</c>, <c>{"&lt;=": E}</c>, <c>{"&gt;": E}</c>, <c>{"&lt;": E}</c>, <c>{"!=": E}</c> (signed 64-bit),
/// <c>{"has": MASK}</c> (every bit set), <c>{"clear": MASK}</c> (every bit clear), <c>{"any_of": [E, …]}</c>.
/// It has no single value: <see cref="Evaluate"/> refuses, <see cref="Holds"/> judges.
/// </summary>
public sealed class Comparison : Expr
{
    /// <summary>The operators, in the order they are shown.</summary>
    public static readonly IReadOnlyList<string> Operators = new[] { ">=", "<=", ">", "<", "!=", "has", "clear", "any_of" };

    private readonly List<(string Op, IReadOnlyList<Expr> Operands)> terms;

    private Comparison(List<(string Op, IReadOnlyList<Expr> Operands)> terms, string text)
    {
        this.terms = terms;
        Text = text;
    }

    public override string Text { get; }

    public override IEnumerable<Placeholder> Placeholders => terms.SelectMany(t => t.Operands).SelectMany(e => e.Placeholders);

    /// <summary>True when <paramref name="e"/> is an object whose keys are all comparison operators.</summary>
    public static bool IsComparison(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.EnumerateObject().Any() && e.EnumerateObject().All(p => Operators.Contains(p.Name));

    /// <summary>Reads a comparison object; <paramref name="expr"/> reads one operand, <paramref name="fail"/> makes the error.</summary>
    public static Comparison Parse(JsonElement e, Func<string, JsonElement, Expr> expr, Func<string, string, Exception> fail)
    {
        var terms = new List<(string, IReadOnlyList<Expr>)>();
        foreach (JsonProperty p in e.EnumerateObject())
        {
            if (!Operators.Contains(p.Name))
            {
                throw fail(p.Name, $"not a comparison (known: {string.Join(" ", Operators)})");
            }

            if (p.Name == "any_of")
            {
                if (p.Value.ValueKind != JsonValueKind.Array || p.Value.GetArrayLength() == 0)
                {
                    throw fail(p.Name, "must be a non-empty array of values");
                }

                terms.Add((p.Name, p.Value.EnumerateArray().Select((x, i) => expr($"{p.Name}[{i}]", x)).ToList()));
            }
            else
            {
                terms.Add((p.Name, new[] { expr(p.Name, p.Value) }));
            }
        }

        string text = string.Join(", ", terms.Select(t => t.Item1 == "any_of"
            ? $"any of [{string.Join(", ", t.Item2.Select(x => x.Text))}]"
            : $"{t.Item1} {t.Item2[0].Text}"));
        return new Comparison(terms, text);
    }

    public override ulong Evaluate(IExprContext context) =>
        throw new ScenarioRunException($"'{Text}' is a comparison, not a value: it can only be expected here");

    /// <summary>Whether <paramref name="observed"/> satisfies every term.</summary>
    public bool Holds(ulong observed, IExprContext context)
    {
        long s = unchecked((long)observed);
        foreach (var (op, operands) in terms)
        {
            ulong v = operands[0].Evaluate(context);
            long sv = unchecked((long)v);
            bool ok = op switch
            {
                ">=" => s >= sv,
                "<=" => s <= sv,
                ">" => s > sv,
                "<" => s < sv,
                "!=" => observed != v,
                "has" => (observed & v) == v,
                "clear" => (observed & v) == 0,
                _ => operands.Any(x => x.Evaluate(context) == observed),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The comparison with its operands' values, for reports (<c>&gt;= {value:n0} + 1 = 5</c>).</summary>
    public string Show(IExprContext context) => string.Join(", ", terms.Select(t => t.Op == "any_of"
        ? $"any of [{string.Join(", ", t.Operands.Select(x => Values.Show(x, x.Evaluate(context))))}]"
        : $"{t.Op} {Values.Show(t.Operands[0], t.Operands[0].Evaluate(context))}"));

    /// <summary>Judges <paramref name="observed"/> against an expected value or comparison: (holds, expected text).</summary>
    public static (bool Holds, string Expected) Judge(Expr expected, ulong observed, IExprContext context)
    {
        if (expected is Comparison c)
        {
            return (c.Holds(observed, context), c.Show(context));
        }

        ulong want = expected.Evaluate(context);
        return (want == observed, Values.Show(expected, want));
    }
}
