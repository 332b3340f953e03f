using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Gateway.Host.Wire;

namespace Gateway.Host.Conformance.Format;

/// <summary>
/// A JSON object of a scenario file, read with the host's one strict reader (<see cref="JsonObjectReader"/>: duplicate
/// and unknown keys refused, fields named by path) and turned into the format's values: expressions, templates,
/// names, byte specs, patterns, rule lists. Every error is a <see cref="ScenarioFormatException"/> naming the file,
/// the step and the field.
/// </summary>
internal sealed class ScenarioObject
{
    private readonly JsonObjectReader reader;

    /// <param name="e">The element, which must be an object.</param>
    /// <param name="prefix">The path of the object within its step or file (<c>""</c>, <c>"expect."</c>, <c>"steps[2]"</c>).</param>
    /// <param name="context">The file and step errors name.</param>
    public ScenarioObject(JsonElement e, string prefix, ParseContext context)
    {
        Context = context;
        reader = new JsonObjectReader(e, prefix.TrimEnd('.'), RulesFor(context));
    }

    public ParseContext Context { get; }

    /// <summary>Every key of the object, in document order.</summary>
    public IEnumerable<string> Keys => reader.Keys.ToList();

    public string Path(string key) => reader.Join(key);

    public ScenarioFormatException Fail(string key, string reason) => Context.Fail(Path(key), reason);

    public JsonElement? Optional(string key) => reader.Optional(key);

    public JsonElement Required(string key) => reader.Require(key);

    public string? String(string key, bool required = false)
    {
        JsonElement? v = required ? Required(key) : Optional(key);
        if (v is not JsonElement s)
        {
            return null;
        }

        return s.ValueKind == JsonValueKind.String ? s.GetString() : throw Fail(key, $"must be a string, not {s.ValueKind}");
    }

    public int? Int(string key, bool required = false)
    {
        JsonElement? v = required ? Required(key) : Optional(key);
        if (v is not JsonElement n)
        {
            return null;
        }

        return n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out int i) ? i : throw Fail(key, $"{n.GetRawText()} is not an integer");
    }

    public bool? Bool(string key)
    {
        JsonElement? v = Optional(key);
        if (v is not JsonElement b)
        {
            return null;
        }

        return b.ValueKind is JsonValueKind.True or JsonValueKind.False ? b.GetBoolean() : throw Fail(key, "must be true or false");
    }

    public IReadOnlyList<string> Rules(string key)
    {
        JsonElement? v = Optional(key);
        if (v is not JsonElement r)
        {
            return Array.Empty<string>();
        }

        var list = new List<string>();
        IEnumerable<JsonElement> items = r.ValueKind == JsonValueKind.Array ? r.EnumerateArray() : new[] { r };
        foreach (JsonElement x in items)
        {
            string? s = x.ValueKind == JsonValueKind.String ? x.GetString() : null;
            if (string.IsNullOrWhiteSpace(s))
            {
                throw Fail(key, $"{x.GetRawText()} is not a rule id (e.g. \"RM-13\", \"MM-1\", \"§0\")");
            }

            list.Add(s);
        }

        return list;
    }

    public Expr ExprOf(string key, JsonElement v)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.Number:
                if (v.TryGetInt64(out long l))
                {
                    return Expr.Constant(unchecked((ulong)l), v.GetRawText());
                }

                if (v.TryGetUInt64(out ulong u))
                {
                    return Expr.Constant(u, v.GetRawText());
                }

                throw Fail(key, $"{v.GetRawText()} is not an integer");
            case JsonValueKind.String:
                try
                {
                    return Expr.Parse(v.GetString()!);
                }
                catch (FormatException x)
                {
                    throw Fail(key, x.Message);
                }

            default:
                throw Fail(key, $"must be an integer or an expression string, not {v.ValueKind}");
        }
    }

    public Template TemplateOf(string key, JsonElement v)
    {
        if (v.ValueKind != JsonValueKind.String)
        {
            throw Fail(key, "must be a string");
        }

        try
        {
            return new Template(v.GetString()!);
        }
        catch (FormatException x)
        {
            throw Fail(key, x.Message);
        }
    }

    public string NameOf(string key, JsonElement v)
    {
        string? s = v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (string.IsNullOrEmpty(s) || !s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            throw Fail(key, $"{v.GetRawText()} is not a name (letters, digits, _ - .)");
        }

        return s;
    }

    public string TextOf(string key, JsonElement v) => v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Fail(key, "must be a string");

    public bool FlagOf(string key, JsonElement v) => v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : throw Fail(key, "must be true or false");

    public Pattern PatternOf(string key, JsonElement v) => Pattern.Parse(v, key, m => Fail(key, m), comparisons: Context.Format >= 2);

    public BytesSpec BytesOf(string key, JsonElement v)
    {
        var pieces = new List<(byte[]?, int, Expr?)>();
        if (v.ValueKind == JsonValueKind.String && Context.Format >= 2 && v.GetString()!.Contains('{', StringComparison.Ordinal))
        {
            pieces.Add((Array.Empty<byte>(), 0, null));
            return new BytesSpec(pieces, v.GetString()!).WithTemplate(0, TemplateOf(key, v));
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            pieces.Add((Hex(key, v.GetString()!), 0, null));
            return new BytesSpec(pieces, v.GetString()!);
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            throw Fail(key, "must be a hex string or an array of hex strings and {\"u8|u16|u32|u64|i16|i32|i64\": value}");
        }

        int i = 0;
        var templated = new List<(int, Template)>();
        foreach (JsonElement x in v.EnumerateArray())
        {
            string f = $"{key}[{i}]";
            if (x.ValueKind == JsonValueKind.String && Context.Format >= 2 && x.GetString()!.Contains('{', StringComparison.Ordinal))
            {
                pieces.Add((Array.Empty<byte>(), 0, null));
                templated.Add((pieces.Count - 1, TemplateOf(f, x)));
            }
            else if (x.ValueKind == JsonValueKind.String)
            {
                pieces.Add((Hex(f, x.GetString()!), 0, null));
            }
            else if (x.ValueKind == JsonValueKind.Object && x.EnumerateObject().Count() == 1)
            {
                JsonProperty p = x.EnumerateObject().First();
                int width = p.Name switch
                {
                    "u8" => 1,
                    "u16" or "i16" => 2,
                    "u32" or "i32" => 4,
                    "u64" or "i64" => 8,
                    _ => throw Fail($"{f}.{p.Name}", "unknown width (u8, u16, u32, u64, i16, i32, i64)"),
                };
                pieces.Add((null, width, ExprOf($"{f}.{p.Name}", p.Value)));
            }
            else
            {
                throw Fail(f, "expected a hex string or one {\"u32\": value}");
            }

            i++;
        }

        var spec = new BytesSpec(pieces, v.GetRawText());
        foreach (var (at, t) in templated)
        {
            spec.WithTemplate(at, t);
        }

        return spec;
    }

    /// <summary>Refuses every key no read took.</summary>
    public void NoOthers() => reader.RejectUnknownKeys();

    private byte[] Hex(string key, string text)
    {
        try
        {
            return HexText.Parse(text, key);
        }
        catch (WireInputException x)
        {
            throw Fail(key, x.Reason);
        }
    }

    private static JsonReadRules RulesFor(ParseContext context) => new((field, reason) => context.Fail(field, reason));
}
