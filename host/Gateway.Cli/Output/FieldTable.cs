using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Gateway.Cli.Output;

/// <summary>A decoded QNX struct (C member paths) as a table: member, value, and what it means (the *_names, times in UTC).</summary>
internal static class FieldTable
{
    public static Table Create(string title, JsonObject fields)
    {
        Table table = CliOutput.Table(title, "member", "value", "meaning");
        foreach ((string path, string name, JsonNode? value, JsonObject parent) in Leaves(fields, ""))
        {
            if (name.EndsWith("_names", StringComparison.Ordinal))
            {
                continue;
            }

            CliOutput.Row(table, path, ValueText(parent, name, value), Meaning(parent, name, path, value));
        }

        return table;
    }

    /// <summary>Numbers as decimal; flag words (those with names) in hex, modes in octal, as C code writes them.</summary>
    private static string ValueText(JsonObject parent, string name, JsonNode? value)
    {
        if (parent.ContainsKey(name + "_names") && value is JsonValue v && v.TryGetValue(out long n) && n >= 0)
        {
            return name == "st_mode" ? "0" + Convert.ToString(n, 8) : "0x" + n.ToString("x", CultureInfo.InvariantCulture);
        }

        return value?.ToJsonString() ?? "null";
    }

    private static string Meaning(JsonObject parent, string name, string path, JsonNode? value)
    {
        if (parent[name + "_names"] is JsonArray names)
        {
            var parts = new List<string>();
            foreach (JsonNode? n in names)
            {
                parts.Add(n?.GetValue<string>() ?? "");
            }

            return string.Join(' ', parts);
        }

        bool seconds = name.EndsWith("time", StringComparison.Ordinal) || path.EndsWith("tim.tv_sec", StringComparison.Ordinal);
        if (seconds && value is JsonValue v && v.TryGetValue(out long s) && s > 0 && s < 253402300800)
        {
            return DateTimeOffset.FromUnixTimeSeconds(s).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        }

        return "";
    }

    /// <summary>Every leaf: its dotted path, its own name, its value and the object holding it.</summary>
    private static IEnumerable<(string Path, string Name, JsonNode? Value, JsonObject Parent)> Leaves(JsonObject obj, string prefix)
    {
        foreach (KeyValuePair<string, JsonNode?> p in obj)
        {
            if (p.Value is JsonObject child)
            {
                foreach ((string Path, string Name, JsonNode? Value, JsonObject Parent) leaf in Leaves(child, prefix + p.Key + "."))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return (prefix + p.Key, p.Key, p.Value, obj);
            }
        }
    }
}
