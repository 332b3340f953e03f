using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Gateway.Host.Conformance.Format;

/// <summary>
/// Format 2: one entry of a step's <c>capture</c> — a name for a value the step observed, found by a path into what
/// it observed (<c>"reply.extended.stat.st_ino"</c>, <c>"files./data/notes.txt.open"</c>,
/// <c>"status.events[source=32].count"</c>), and the value to take when nothing is there (none: a failed check).
/// Later steps use it as <c>{cap:NAME}</c>.
/// </summary>
public sealed record Capture(string Name, string Path, Expr? Default)
{
    /// <summary>The first segment of the path: what the step observed under that key (<c>reply</c>, <c>stat</c>, <c>value</c>…).</summary>
    public string Source => SourceOf(Path);

    public static string SourceOf(string path)
    {
        int end = path.IndexOfAny(new[] { '.', '[' });
        return end < 0 ? path : path[..end];
    }

    /// <summary>
    /// Reads <c>"capture": {"NAME": "PATH", "NAME2": {"from": "PATH", "default": E}}</c>; <paramref name="observes"/>
    /// are the sources the step's kind observes.
    /// </summary>
    internal static IReadOnlyList<Capture> Parse(ScenarioObject o, string key, JsonElement v, IReadOnlyCollection<string> observes, string op)
    {
        if (o.Context.Format < 2)
        {
            throw o.Fail(key, "captures need \"format\": 2");
        }

        if (v.ValueKind != JsonValueKind.Object)
        {
            throw o.Fail(key, "must be an object {\"NAME\": \"PATH\"} or {\"NAME\": {\"from\": \"PATH\", \"default\": VALUE}}");
        }

        var list = new List<Capture>();
        var c = new ScenarioObject(v, o.Path(key) + ".", o.Context);
        foreach (string name in c.Keys)
        {
            if (name.Length == 0 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-' or '.'))
            {
                throw c.Fail(name, "is not a name (letters, digits, _ - .)");
            }

            JsonElement x = c.Required(name);
            string path;
            Expr? dflt = null;
            if (x.ValueKind == JsonValueKind.String)
            {
                path = x.GetString()!;
            }
            else if (x.ValueKind == JsonValueKind.Object)
            {
                var f = new ScenarioObject(x, c.Path(name) + ".", o.Context);
                path = f.String("from", required: true)!;
                dflt = f.Optional("default") is JsonElement d ? f.ExprOf("default", d) : null;
                f.NoOthers();
            }
            else
            {
                throw c.Fail(name, "must be a path string (\"reply.coid\") or {\"from\": PATH, \"default\": VALUE}");
            }

            try
            {
                _ = new Template(path);
            }
            catch (FormatException e)
            {
                throw c.Fail(name, e.Message);
            }

            string source = SourceOf(path);
            if (!observes.Contains(source))
            {
                throw c.Fail(name, observes.Count == 0
                    ? $"a {op} step observes nothing to capture"
                    : $"'{path}': a {op} step observes {string.Join(", ", observes)} (a path begins with one of them)");
            }

            list.Add(new Capture(name, path, dflt));
        }

        return list;
    }
}
