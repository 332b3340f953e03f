using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Host.Conformance.Format;

/// <summary>
/// A JSON value of a scenario file whose leaves are expressions: the <c>fields</c> of a raw message given as wire
/// JSON (materialized into the JSON <c>gateway wire encode</c> takes), and the expected subset of a decoded reply,
/// stat or <c>/fw/status</c>. String leaves under keys that hold text (<c>path</c>, <c>data</c>, <c>d_name</c>…) are
/// templates; every other string is an <see cref="Expr"/>. Object keys may be dotted paths (<c>"info.pid"</c>); a key
/// beginning with <c>/</c> is a file path and never split.
/// </summary>
public abstract class Pattern
{
    /// <summary>Keys whose string values are text (or hex), never expressions.</summary>
    public static readonly IReadOnlySet<string> TextKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "path", "d_name", "data", "extra", "stat_tail", "board", "model", "firmware", "preferred_stat_form", "stat_form",
    };

    /// <summary>Keys that hold a number in one JSON and a word in another (<c>type</c>: a message type, or "chr" in /fw/map): an expression when the string is one, else text.</summary>
    public static readonly IReadOnlySet<string> EitherKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "type", "access", "mount", "mmap", "name", "device", "bus", "resource", "register_map", "from_bank", "to_bank",
    };

    /// <param name="comparisons">Format 2: an object of comparison operators (<see cref="Comparison"/>) is a leaf.</param>
    public static Pattern Parse(JsonElement e, string key, Func<string, Exception> fail, bool comparisons = false)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object when comparisons && IsAbsence(e):
                return new AbsencePattern(e.GetProperty(Absent).GetBoolean());
            case JsonValueKind.Object when comparisons && e.TryGetProperty(Absent, out _) && e.EnumerateObject().Count() == 1:
                throw fail($"{Absent}: must be true (the key must be missing) or false (present, any value)");
            case JsonValueKind.Object when comparisons && Comparison.IsComparison(e):
                return new ValuePattern(Comparison.Parse(e, (k, x) => Parse(x, key, m => fail($"{k}: {m}")) is ValuePattern vp ? vp.Expr : throw fail($"{k}: must be an integer or an expression"), (k, m) => fail($"{k}: {m}")));
            case JsonValueKind.Object:
                var members = new List<(string[] Path, Pattern Value)>();
                foreach (JsonProperty p in e.EnumerateObject())
                {
                    // A key beginning with '/' is a file path (status.files), one key however many dots it has.
                    string[] path = p.Name.StartsWith('/') ? new[] { p.Name } : SplitKey(p.Name);
                    members.Add((path, Parse(p.Value, LeafName(path[^1]), m => fail($"{p.Name}: {m}"), comparisons)));
                }

                return new ObjectPattern(members);
            case JsonValueKind.Array:
                return new ArrayPattern(e.EnumerateArray().Select((x, i) => Parse(x, key, m => fail($"[{i}]: {m}"), comparisons)).ToList());
            case JsonValueKind.Number:
                if (e.TryGetUInt64(out ulong u))
                {
                    return new ValuePattern(Expr.Constant(u, e.GetRawText()));
                }

                if (e.TryGetInt64(out long l))
                {
                    return new ValuePattern(Expr.Constant(unchecked((ulong)l), e.GetRawText()));
                }

                throw fail($"{e.GetRawText()} is not an integer");
            case JsonValueKind.String:
                string s = e.GetString()!;
                try
                {
                    if (TextKeys.Contains(key) || key.EndsWith("_names", StringComparison.Ordinal))
                    {
                        return new TextPattern(new Template(s));
                    }

                    if (EitherKeys.Contains(key))
                    {
                        try
                        {
                            return new ValuePattern(Expr.Parse(s));
                        }
                        catch (FormatException)
                        {
                            return new TextPattern(new Template(s));
                        }
                    }

                    return new ValuePattern(Expr.Parse(s));
                }
                catch (FormatException x)
                {
                    throw fail(x.Message);
                }

            case JsonValueKind.True:
            case JsonValueKind.False:
                return new BoolPattern(e.GetBoolean());
            case JsonValueKind.Null:
                return new NullPattern();
            default:
                throw fail($"unexpected {e.ValueKind}");
        }
    }

    /// <summary>Format 2: <c>{"absent": true}</c> — the key must be missing; <c>{"absent": false}</c> — present, any value.</summary>
    public const string Absent = "absent";

    private static bool IsAbsence(JsonElement e) =>
        e.EnumerateObject().Count() == 1 && e.TryGetProperty(Absent, out JsonElement b) && b.ValueKind is JsonValueKind.True or JsonValueKind.False;

    /// <summary>The JSON this pattern stands for, with every expression evaluated.</summary>
    public abstract JsonNode? Materialize(IExprContext context);

    /// <summary>Compares with <paramref name="actual"/> (a subset match for objects); adds one line per mismatch.</summary>
    public abstract void Match(JsonNode? actual, string path, IExprContext context, List<string> mismatches);

    /// <summary>The expected text, for messages.</summary>
    public abstract string Describe();

    /// <summary>Splits a dotted key at the dots outside placeholders and selectors (<c>events[source={map:a.b}].count</c>).</summary>
    private static string[] SplitKey(string key)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < key.Length; i++)
        {
            char c = key[i];
            depth += c is '{' or '[' ? 1 : c is '}' or ']' ? -1 : 0;
            if (c == '.' && depth == 0)
            {
                parts.Add(key[start..i]);
                start = i + 1;
            }
        }

        parts.Add(key[start..]);
        return parts.ToArray();
    }

    /// <summary>The member name of a key segment, without its selector (<c>events[source=32]</c> → <c>events</c>).</summary>
    private static string LeafName(string segment) =>
        !segment.StartsWith('/') && segment.IndexOf('[', StringComparison.Ordinal) is int b and > 0 ? segment[..b] : segment;

    internal static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private sealed class ObjectPattern(List<(string[] Path, Pattern Value)> members) : Pattern
    {
        public override JsonNode? Materialize(IExprContext context)
        {
            var root = new JsonObject();
            foreach (var (path, value) in members)
            {
                JsonObject o = root;
                for (int i = 0; i < path.Length - 1; i++)
                {
                    if (o[path[i]] is not JsonObject child)
                    {
                        child = new JsonObject();
                        o[path[i]] = child;
                    }

                    o = child;
                }

                o[path[^1]] = value.Materialize(context);
            }

            return root;
        }

        public override void Match(JsonNode? actual, string path, IExprContext context, List<string> mismatches)
        {
            foreach (var (keys, value) in members)
            {
                JsonNode? a = actual;
                string p = path;
                bool found = true;
                foreach (string raw in keys)
                {
                    // A segment may hold placeholders (format 2 selectors: events[source={map:gpio_banks.0.event_source}]).
                    string k = raw.Contains('{', StringComparison.Ordinal) ? new Template(raw).Evaluate(context) : raw;
                    p = Join(p, k);
                    if (a is JsonObject o && o.TryGetPropertyValue(k, out JsonNode? next))
                    {
                        a = next;
                    }
                    else if (a is JsonArray arr && int.TryParse(k, out int index) && index >= 0 && index < arr.Count)
                    {
                        a = arr[index];
                    }
                    else if (!k.StartsWith('/') && k.Contains('[', StringComparison.Ordinal) && ObservedPath.TryFind(a, k, out JsonNode? selected, out _))
                    {
                        a = selected;
                    }
                    else
                    {
                        found = false;
                        break;
                    }
                }

                if (value is AbsencePattern absence)
                {
                    if (found == absence.MustBeAbsent)
                    {
                        mismatches.Add(found ? $"{p}: expected absent, observed {Show(a)}" : $"{p}: expected present, observed (absent)");
                    }

                    continue;
                }

                if (!found)
                {
                    mismatches.Add($"{p}: expected {value.Describe()}, observed (absent)");
                    continue;
                }

                value.Match(a, p, context, mismatches);
            }
        }

        public override string Describe() => "{" + string.Join(", ", members.Select(m => $"{string.Join('.', m.Path)}: {m.Value.Describe()}")) + "}";
    }

    private sealed class ArrayPattern(List<Pattern> items) : Pattern
    {
        public override JsonNode? Materialize(IExprContext context) => new JsonArray(items.Select(i => i.Materialize(context)).ToArray());

        public override void Match(JsonNode? actual, string path, IExprContext context, List<string> mismatches)
        {
            if (actual is not JsonArray arr || arr.Count != items.Count)
            {
                mismatches.Add($"{path}: expected {items.Count} elements, observed {(actual is JsonArray a ? a.Count + " elements" : Show(actual))}");
                return;
            }

            for (int i = 0; i < items.Count; i++)
            {
                items[i].Match(arr[i], $"{path}[{i}]", context, mismatches);
            }
        }

        public override string Describe() => "[" + string.Join(", ", items.Select(i => i.Describe())) + "]";
    }

    private sealed class ValuePattern(Expr expr) : Pattern
    {
        public Expr Expr => expr;

        public override JsonNode? Materialize(IExprContext context)
        {
            ulong v = expr.Evaluate(context);
            // Values above long.MaxValue stay unsigned; the wire mapping checks each field's range.
            return v > long.MaxValue ? JsonValue.Create(v) : JsonValue.Create((long)v);
        }

        public override void Match(JsonNode? actual, string path, IExprContext context, List<string> mismatches)
        {
            if (expr is Comparison c)
            {
                if (!TryNumber(actual, out ulong observed) || !c.Holds(observed, context))
                {
                    mismatches.Add($"{path}: expected {c.Show(context)}, observed {(TryNumber(actual, out observed) ? Values.Number(observed) : Show(actual))}");
                }

                return;
            }

            ulong want = expr.Evaluate(context);
            if (!TryNumber(actual, out ulong got))
            {
                mismatches.Add($"{path}: expected {Values.Show(expr, want)}, observed {Show(actual)}");
            }
            else if (got != want)
            {
                mismatches.Add($"{path}: expected {Values.Show(expr, want)}, observed {Values.Number(got)}");
            }
        }

        public override string Describe() => expr.Text;
    }

    private sealed class TextPattern(Template template) : Pattern
    {
        public override JsonNode? Materialize(IExprContext context) => JsonValue.Create(template.Evaluate(context));

        public override void Match(JsonNode? actual, string path, IExprContext context, List<string> mismatches)
        {
            string want = template.Evaluate(context);
            string? got = actual is JsonValue v && v.TryGetValue(out string? s) ? s : null;
            if (got != want)
            {
                mismatches.Add($"{path}: expected \"{want}\", observed {Show(actual)}");
            }
        }

        public override string Describe() => "\"" + template.Text + "\"";
    }

    private sealed class BoolPattern(bool value) : Pattern
    {
        public override JsonNode? Materialize(IExprContext context) => JsonValue.Create(value);

        public override void Match(JsonNode? actual, string path, IExprContext context, List<string> mismatches)
        {
            if (actual is not JsonValue v || !v.TryGetValue(out bool b) || b != value)
            {
                mismatches.Add($"{path}: expected {(value ? "true" : "false")}, observed {Show(actual)}");
            }
        }

        public override string Describe() => value ? "true" : "false";
    }

    private sealed class AbsencePattern(bool mustBeAbsent) : Pattern
    {
        public bool MustBeAbsent => mustBeAbsent;

        public override JsonNode? Materialize(IExprContext context) =>
            throw new ScenarioRunException("{\"absent\": …} says what a reply must lack: it has no value to send");

        public override void Match(JsonNode? actual, string path, IExprContext context, List<string> mismatches)
        {
            // Only a member of an object can be missing (ObjectPattern judges it); anywhere else the value is there.
            if (mustBeAbsent)
            {
                mismatches.Add($"{path}: expected absent, observed {Show(actual)}");
            }
        }

        public override string Describe() => mustBeAbsent ? "absent" : "present";
    }

    private sealed class NullPattern : Pattern
    {
        public override JsonNode? Materialize(IExprContext context) => null;

        public override void Match(JsonNode? actual, string path, IExprContext context, List<string> mismatches)
        {
            if (actual != null)
            {
                mismatches.Add($"{path}: expected null, observed {Show(actual)}");
            }
        }

        public override string Describe() => "null";
    }

    internal static bool TryNumber(JsonNode? node, out ulong value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (v.TryGetValue(out long l))
        {
            value = unchecked((ulong)l);
            return true;
        }

        if (v.TryGetValue(out ulong u))
        {
            value = u;
            return true;
        }

        if (v.TryGetValue(out int i))
        {
            value = unchecked((ulong)(long)i);
            return true;
        }

        if (v.TryGetValue(out uint ui))
        {
            value = ui;
            return true;
        }

        if (v.TryGetValue(out JsonElement je))
        {
            if (je.TryGetInt64(out l))
            {
                value = unchecked((ulong)l);
                return true;
            }

            if (je.TryGetUInt64(out u))
            {
                value = u;
                return true;
            }
        }

        if (v.TryGetValue(out short sh))
        {
            value = unchecked((ulong)(long)sh);
            return true;
        }

        if (v.TryGetValue(out ushort us))
        {
            value = us;
            return true;
        }

        if (v.TryGetValue(out byte by))
        {
            value = by;
            return true;
        }

        return false;
    }

    internal static string Show(JsonNode? node) => node == null ? "null" : node.ToJsonString();
}
