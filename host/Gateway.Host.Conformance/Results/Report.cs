using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Gateway.Host.Conformance.Results;

/// <summary>Results as plain text (failures in detail), JSON (<c>--json</c>) and JUnit XML (<c>--junit</c>).</summary>
public static class Report
{
    private static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A scenario's outcome with every failed check, skipped step and the messages of failed steps.</summary>
    public static string Describe(ScenarioResult r)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{r.Name} ({r.File}): {r.Outcome.ToString().ToUpperInvariant()}");
        if (r.Target != null)
        {
            sb.Append(CultureInfo.InvariantCulture, $" on {r.Target}");
        }

        sb.AppendLine();
        if (r.SkipReason != null)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  skipped: {r.SkipReason}");
        }

        if (r.Interrupted != null)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  interrupted: {r.Interrupted}");
        }

        if (r.Error != null)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  error: {r.Error}");
        }

        foreach (StepResult s in r.Steps.Where(s => s.Outcome != Outcome.Pass))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  step {s.Id} \"{s.Name}\" ({s.Op}{(s.Rules.Count > 0 ? ", " + string.Join(" ", s.Rules) : "")}): {s.Outcome.ToString().ToUpperInvariant()}{(s.Note != null ? " — " + s.Note : "")}");
            foreach (CheckResult c in s.Checks.Where(c => !c.Passed))
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"    {c.Rule} {c.Check}: expected {c.Expected}; observed {c.Observed}");
            }

            foreach (MessageRecord m in s.Messages)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"    sent {m}");
            }
        }

        return sb.ToString();
    }

    public static JsonObject ToJson(SuiteResult suite)
    {
        var scenarios = new JsonArray();
        foreach (ScenarioResult r in suite.Scenarios)
        {
            var steps = new JsonArray();
            foreach (StepResult s in r.Steps)
            {
                steps.Add(new JsonObject
                {
                    ["id"] = s.Id,
                    ["name"] = s.Name,
                    ["do"] = s.Op,
                    ["rules"] = new JsonArray(s.Rules.Select(x => (JsonNode)JsonValue.Create(x)!).ToArray()),
                    ["outcome"] = Name(s.Outcome),
                    ["note"] = s.Note,
                    ["checks"] = new JsonArray(s.Checks.Select(c => (JsonNode)new JsonObject
                    {
                        ["rule"] = c.Rule,
                        ["check"] = c.Check,
                        ["expected"] = c.Expected,
                        ["observed"] = c.Observed,
                        ["passed"] = c.Passed,
                    }).ToArray()),
                    ["messages"] = new JsonArray(s.Messages.Select(m => (JsonNode)new JsonObject
                    {
                        ["pid"] = m.Pid,
                        ["coid"] = m.Coid,
                        ["kind"] = m.Kind,
                        ["reply"] = m.Reply,
                    }).ToArray()),
                });
            }

            scenarios.Add(new JsonObject
            {
                ["name"] = r.Name,
                ["file"] = r.File,
                ["title"] = r.Title,
                ["area"] = r.Area,
                ["outcome"] = Name(r.Outcome),
                ["target"] = r.Target,
                ["skip_reason"] = r.SkipReason,
                ["error"] = r.Error,
                ["interrupted"] = r.Interrupted,
                ["rules"] = new JsonArray(r.Rules.Select(x => (JsonNode)JsonValue.Create(x)!).ToArray()),
                ["steps"] = steps,
            });
        }

        var rules = new JsonArray(suite.ByRule().Select(row => (JsonNode)new JsonObject
        {
            ["rule"] = row.Rule,
            ["outcome"] = Name(row.Outcome),
            ["passed"] = row.Passed,
            ["failed"] = row.Failed,
            ["skipped"] = row.Skipped,
            ["scenarios"] = new JsonArray(row.Scenarios.Select(x => (JsonNode)JsonValue.Create(x)!).ToArray()),
        }).ToArray());

        return new JsonObject
        {
            ["format"] = 1,
            ["target"] = suite.Target,
            ["ok"] = suite.Ok,
            ["summary"] = new JsonObject { ["passed"] = suite.Passed, ["failed"] = suite.Failed, ["skipped"] = suite.Skipped },
            ["rules"] = rules,
            ["scenarios"] = scenarios,
            ["soak"] = suite.Soak?.ToJson(),
        };
    }

    public static void WriteJson(SuiteResult suite, string path) => File.WriteAllText(path, ToJson(suite).ToJsonString(Pretty) + "\n");

    /// <summary>JUnit XML: one test suite per scenario file, one test case per scenario (failures list the failed checks).</summary>
    public static XDocument ToJUnit(SuiteResult suite)
    {
        var root = new XElement("testsuites",
            new XAttribute("name", "gateway conform " + suite.Target),
            new XAttribute("tests", suite.Scenarios.Count),
            new XAttribute("failures", suite.Failed),
            new XAttribute("skipped", suite.Skipped));
        foreach (var group in suite.Scenarios.GroupBy(s => s.File))
        {
            var ts = new XElement("testsuite",
                new XAttribute("name", group.Key),
                new XAttribute("tests", group.Count()),
                new XAttribute("failures", group.Count(s => s.Outcome == Outcome.Fail)),
                new XAttribute("skipped", group.Count(s => s.Outcome == Outcome.Skip)));
            foreach (ScenarioResult r in group)
            {
                var tc = new XElement("testcase", new XAttribute("classname", group.Key), new XAttribute("name", r.Name));
                if (r.Outcome == Outcome.Skip)
                {
                    tc.Add(new XElement("skipped", new XAttribute("message", r.SkipReason ?? "")));
                }
                else if (r.Outcome == Outcome.Fail)
                {
                    string first = r.Error ?? r.Failures.Select(c => $"{c.Rule} {c.Check}: expected {c.Expected}; observed {c.Observed}").FirstOrDefault() ?? "failed";
                    tc.Add(new XElement("failure", new XAttribute("message", first), Describe(r)));
                }

                tc.Add(new XElement("system-out", string.Join("\n", r.Steps.Select(s => $"step {s.Id} {s.Name}: {Name(s.Outcome)} [{string.Join(" ", s.Rules)}]"))));
                ts.Add(tc);
            }

            root.Add(ts);
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    public static void WriteJUnit(SuiteResult suite, string path)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        ToJUnit(suite).Save(w);
    }

    public static string Name(Outcome o) => o switch
    {
        Outcome.Pass => "pass",
        Outcome.Fail => "fail",
        _ => "skip",
    };
}
