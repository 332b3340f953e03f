using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Gateway.Cli.Output;

/// <summary>A decoded stat (C member names) as a table: member, value, and what it means (mode names, times in UTC).</summary>
internal static class StatTable
{
    public static Table Create(string title, JsonObject fields)
    {
        Table table = CliOutput.Table(title, "member", "value", "meaning");
        foreach ((string name, JsonNode? value) in Leaves(fields, ""))
        {
            if (name.EndsWith("_names", StringComparison.Ordinal))
            {
                continue;
            }

            CliOutput.Row(table, name, value?.ToJsonString() ?? "null", Meaning(fields, name, value));
        }

        return table;
    }

    private static string Meaning(JsonObject fields, string name, JsonNode? value)
    {
        if (fields[name + "_names"] is JsonArray names)
        {
            var parts = new List<string>();
            foreach (JsonNode? n in names)
            {
                parts.Add(n?.GetValue<string>() ?? "");
            }

            return string.Join(' ', parts);
        }

        bool seconds = name.EndsWith("time", StringComparison.Ordinal) || name.EndsWith(".tv_sec", StringComparison.Ordinal);
        if (seconds && value is JsonValue v && v.TryGetValue(out long s) && s > 0 && s < 253402300800)
        {
            return DateTimeOffset.FromUnixTimeSeconds(s).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        }

        return "";
    }

    private static IEnumerable<(string Name, JsonNode? Value)> Leaves(JsonObject obj, string prefix)
    {
        foreach (KeyValuePair<string, JsonNode?> p in obj)
        {
            if (p.Value is JsonObject child)
            {
                foreach ((string Name, JsonNode? Value) leaf in Leaves(child, prefix + p.Key + "."))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return (prefix + p.Key, p.Value);
            }
        }
    }
}
