using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System;
using Gateway.Host.Targets;

namespace Gateway.Host.Conformance.Format;

/// <summary>
/// Reads scenario files (format 1, hardware-docs/scenarios.md) with <see cref="JsonDocument"/>, strictly: every
/// unknown key, wrong kind, bad expression or missing field is a <see cref="ScenarioFormatException"/> naming the
/// file, the step and the field. This reads the file, its scenarios, processes and target; steps are read by
/// <see cref="StepParser"/> after their kind (<see cref="Steps.StepKinds"/>).
/// </summary>
public static class ScenarioFile
{
    /// <summary>Reads a scenario file, or a suite file (<c>"scenarios": [...]</c>), from disk.</summary>
    public static IReadOnlyList<Scenario> LoadAll(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioFormatException(path, null, null, "(file)", e.Message);
        }

        return ParseAll(text, path);
    }

    /// <summary>Parses a file holding one scenario; a suite file is refused (use <see cref="ParseAll"/>).</summary>
    public static Scenario Parse(string json, string file)
    {
        IReadOnlyList<Scenario> all = ParseAll(json, file);
        return all.Count == 1 ? all[0] : throw new ScenarioFormatException(file, null, null, "scenarios", $"holds {all.Count} scenarios, not one");
    }

    /// <summary>
    /// Parses a scenario file (one scenario: <c>format</c>, <c>name</c>, <c>steps</c> …) or a suite file
    /// (<c>format</c>, <c>area</c>, <c>description</c> and <c>scenarios</c>: scenario objects without <c>format</c>).
    /// </summary>
    public static IReadOnlyList<Scenario> ParseAll(string json, string file)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new ScenarioFormatException(file, null, null, "(JSON)", $"not valid JSON: {e.Message}");
        }

        using (doc)
        {
            var ctx = new ParseContext(file, null, null);
            var root = new ScenarioObject(doc.RootElement, "", ctx);
            JsonElement format = root.Required("format");
            if (format.ValueKind != JsonValueKind.Number || !format.TryGetInt32(out int f) || f < 1 || f > Scenario.CurrentFormat)
            {
                throw ctx.Fail("format", $"{format.GetRawText()} is not a format this harness reads (it reads 1 to {Scenario.CurrentFormat})");
            }

            ctx = ctx with { Format = f };

            if (root.Optional("scenarios") is not JsonElement list)
            {
                return new[] { ParseScenario(root, ctx, file, null) };
            }

            string? area = root.String("area");
            root.String("description");
            root.NoOthers();
            if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                throw ctx.Fail("scenarios", "must be a non-empty array of scenarios");
            }

            var scenarios = new List<Scenario>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            int i = 0;
            foreach (JsonElement e in list.EnumerateArray())
            {
                string? name = e.ValueKind == JsonValueKind.Object && e.TryGetProperty("name", out JsonElement n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                string where = $"{file} scenarios[{i}]{(name != null ? $" ({name})" : "")}";
                var sctx = new ParseContext(where, null, null) { Format = ctx.Format };
                Scenario s = ParseScenario(new ScenarioObject(e, "", sctx), sctx, file, area);
                if (!names.Add(s.Name))
                {
                    throw sctx.Fail("name", $"'{s.Name}' is used by two scenarios of this file");
                }

                scenarios.Add(s);
                i++;
            }

            return scenarios;
        }
    }

    private static Scenario ParseScenario(ScenarioObject root, ParseContext ctx, string file, string? area)
    {
        string name = root.String("name", required: true)!;
        var processes = new List<ProcessDecl>();
        if (root.Optional("processes") is JsonElement procs)
        {
            if (procs.ValueKind != JsonValueKind.Array)
            {
                throw ctx.Fail("processes", "must be an array");
            }

            int i = 0;
            foreach (JsonElement p in procs.EnumerateArray())
            {
                processes.Add(ParseProcess(new ScenarioObject(p, $"processes[{i}]", ctx), processes));
                i++;
            }
        }

        TargetRequirements target = new();
        if (root.Optional("target") is JsonElement t)
        {
            target = ParseTarget(new ScenarioObject(t, "target", ctx));
        }

        JsonElement stepsElement = root.Required("steps");
        var steps = StepParser.ParseSteps(stepsElement, "steps", ctx, processes);
        var scenario = new Scenario
        {
            File = file,
            Name = name,
            Title = root.String("title"),
            Area = root.String("area") ?? area,
            Rules = root.Rules("rules"),
            Skip = root.String("skip"),
            Target = target,
            Processes = processes,
            Steps = steps,
            Undeclared = root.Bool("undeclared") is bool u && (u && ctx.Format < 2 ? throw ctx.Fail("undeclared", "needs \"format\": 2") : u),
        };
        root.String("description");
        root.NoOthers();
        return scenario;
    }

    private static ProcessDecl ParseProcess(ScenarioObject o, List<ProcessDecl> earlier)
    {
        int pid = o.Int("pid", required: true)!.Value;
        if (pid <= 1)
        {
            throw o.Fail("pid", $"{pid}: client pids start at 2 (pid 1 is the memory manager)");
        }

        if (earlier.Any(p => p.Pid == pid))
        {
            throw o.Fail("pid", $"{pid} is declared twice");
        }

        int uid = o.Int("uid", required: true)!.Value;
        int gid = o.Int("gid") ?? uid;
        int euid = o.Int("euid") ?? uid;
        int egid = o.Int("egid") ?? gid;
        var groups = new List<int>();
        if (o.Optional("groups") is JsonElement g)
        {
            if (g.ValueKind != JsonValueKind.Array)
            {
                throw o.Fail("groups", "must be an array of group ids");
            }

            foreach (JsonElement x in g.EnumerateArray())
            {
                if (!x.TryGetInt32(out int id))
                {
                    throw o.Fail("groups", $"{x.GetRawText()} is not a group id");
                }

                groups.Add(id);
            }

            if (groups.Count > 8)
            {
                throw o.Fail("groups", $"{groups.Count} groups: _cred_info holds at most 8");
            }
        }

        int bits = o.Int("bits") ?? 64;
        if (bits is not (32 or 64))
        {
            throw o.Fail("bits", $"{bits}: a process is 32- or 64-bit");
        }

        o.String("name");
        o.NoOthers();
        return new ProcessDecl(pid, uid, gid, euid, egid, groups, bits == 64);
    }

    private static TargetRequirements ParseTarget(ScenarioObject o)
    {
        int? bits = o.Int("bits");
        if (bits is not (null or 32 or 64))
        {
            throw o.Fail("bits", $"{bits}: a board is 32- or 64-bit (leave it out for either)");
        }

        bool quirks = o.Bool("quirks") ?? false;
        var requires = new List<string>();
        if (o.Optional("requires") is JsonElement r)
        {
            if (r.ValueKind != JsonValueKind.Array)
            {
                throw o.Fail("requires", "must be an array of strings");
            }

            int i = 0;
            foreach (JsonElement x in r.EnumerateArray())
            {
                string? s = x.ValueKind == JsonValueKind.String ? x.GetString() : null;
                if (s == null || !(s is "wiring" or "window" || s.StartsWith("spi:", StringComparison.Ordinal) || s.StartsWith("path:", StringComparison.Ordinal)))
                {
                    throw o.Fail($"requires[{i}]", $"{x.GetRawText()}: expected \"wiring\", \"window\", \"spi:DEVICE\" or \"path:PATH\"");
                }

                requires.Add(s);
                i++;
            }
        }

        ScenarioTime time = o.String("time") switch
        {
            null => ScenarioTime.Any,
            "simulated" => ScenarioTime.Simulated,
            "real" => ScenarioTime.Real,
            string other => throw o.Fail("time", $"'{other}': expected \"simulated\" (the board's clock moves only with advance; emu: only) or \"real\" (advance waits, at most 1 s)"),
        };
        o.NoOthers();
        return new TargetRequirements { Bits = bits, Quirks = quirks, Requires = requires, Time = time };
    }
}
