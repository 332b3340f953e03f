using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Gateway.Host.Wire;

/// <summary>
/// Reads one JSON object strictly, for every JSON input of the host (<c>wire encode</c> fields, scenario files):
/// duplicate keys are refused when the object is opened, the keys used are remembered so that
/// <see cref="RejectUnknownKeys"/> can refuse the rest, and every error names the field by its path. How errors are
/// raised and worded is the caller's <see cref="JsonReadRules"/>.
/// </summary>
public sealed class JsonObjectReader
{
    private readonly Dictionary<string, JsonElement> properties = new(StringComparer.Ordinal);
    private readonly HashSet<string> used = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObjectReader> children = new(StringComparer.Ordinal);
    private readonly JsonReadRules rules;

    /// <summary>Reads <c>wire encode</c> input (<see cref="JsonReadRules.Wire"/>).</summary>
    public JsonObjectReader(JsonElement element, string path)
        : this(element, path, JsonReadRules.Wire)
    {
    }

    public JsonObjectReader(JsonElement element, string path, JsonReadRules rules)
    {
        Path = path;
        this.rules = rules;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw rules.Fail(PathOr(rules.RootName), rules.NotAnObject(element));
        }

        foreach (JsonProperty p in element.EnumerateObject())
        {
            if (!properties.TryAdd(p.Name, p.Value))
            {
                throw rules.Fail(Join(p.Name), rules.Duplicate);
            }
        }
    }

    /// <summary>The C member path of this object ("" at the top).</summary>
    public string Path { get; }

    public string Join(string key)
    {
        return Path.Length == 0 ? key : Path + "." + key;
    }

    public bool Has(string key)
    {
        return properties.ContainsKey(key);
    }

    /// <summary>Every key of the object, in document order.</summary>
    public IEnumerable<string> Keys => properties.Keys;

    /// <summary>The error for <paramref name="key"/> of this object, raised the caller's way.</summary>
    public Exception Fail(string key, string reason)
    {
        return rules.Fail(Join(key), reason);
    }

    /// <summary>The value of <paramref name="key"/> (now counted as used), or null when absent.</summary>
    public JsonElement? Optional(string key)
    {
        return TryGet(key, out JsonElement value) ? value : null;
    }

    public bool TryGet(string key, out JsonElement value)
    {
        if (properties.TryGetValue(key, out value))
        {
            used.Add(key);
            return true;
        }

        return false;
    }

    public JsonElement Require(string key)
    {
        if (!TryGet(key, out JsonElement value))
        {
            throw Fail(key, "missing");
        }

        return value;
    }

    /// <summary>The nested object <paramref name="key"/>, or null when it is absent and not required.</summary>
    public JsonObjectReader? Child(string key, bool required)
    {
        if (children.TryGetValue(key, out JsonObjectReader? child))
        {
            return child;
        }

        if (!TryGet(key, out JsonElement value))
        {
            if (required)
            {
                throw Fail(key, "missing");
            }

            return null;
        }

        child = new JsonObjectReader(value, Join(key), rules);
        children.Add(key, child);
        return child;
    }

    /// <summary>Refuses every key of this object and its read children that no field consumed (<c>*_names</c> aside).</summary>
    public void RejectUnknownKeys()
    {
        foreach (string key in properties.Keys)
        {
            if (!used.Contains(key) && !(rules.IgnoresNames && key.EndsWith("_names", StringComparison.Ordinal)))
            {
                throw Fail(key, "unknown key");
            }
        }

        foreach (JsonObjectReader child in children.Values)
        {
            child.RejectUnknownKeys();
        }
    }

    public string RequireString(string key)
    {
        JsonElement e = Require(key);
        if (e.ValueKind != JsonValueKind.String)
        {
            throw Fail(key, $"must be a JSON string, got {Describe(e)}");
        }

        return e.GetString()!;
    }

    public byte[] RequireHex(string key)
    {
        return HexText.Parse(RequireString(key), Join(key));
    }

    /// <summary>Reads an integer of <paramref name="kind"/>; a missing key is an error unless <paramref name="defaultValue"/> is given.</summary>
    public Int128 Integer(string key, WireKind kind, Int128? defaultValue = null)
    {
        if (!TryGet(key, out JsonElement e))
        {
            if (defaultValue.HasValue)
            {
                return defaultValue.Value;
            }

            throw Fail(key, "missing");
        }

        return ToInteger(e, Join(key), kind);
    }

    /// <summary>Converts a JSON number to an integer of <paramref name="kind"/>, refusing fractions, exponents, strings and out-of-range values.</summary>
    public static Int128 ToInteger(JsonElement e, string path, WireKind kind)
    {
        if (e.ValueKind != JsonValueKind.Number)
        {
            throw new WireInputException(path, $"must be a JSON integer ({WireKinds.Name(kind)}), got {Describe(e)}");
        }

        string raw = e.GetRawText();
        if (raw.IndexOfAny(new[] { '.', 'e', 'E' }) >= 0)
        {
            throw new WireInputException(path, $"must be an integer ({WireKinds.Name(kind)}), got {raw}");
        }

        Int128 min = WireKinds.Min(kind);
        Int128 max = WireKinds.Max(kind);
        if (!Int128.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out Int128 value) || value < min || value > max)
        {
            throw new WireInputException(path, $"{raw} does not fit in {WireKinds.Name(kind)} ({min}..{max})");
        }

        return value;
    }

    public static string Describe(JsonElement e)
    {
        return e.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "the number " + e.GetRawText(),
            JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
            JsonValueKind.Null => "null",
            _ => "nothing",
        };
    }

    private string PathOr(string fallback)
    {
        return Path.Length == 0 ? fallback : Path;
    }
}
