using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Gateway.Host.Conformance.Steps;
using Gateway.Host.Wire;

namespace Gateway.Host.Conformance.Format;

/// <summary>
/// Reads steps: finds the step's kind by its <c>do</c>, reads the arguments the kind's <see cref="StepSchema"/> names,
/// lets the kind check them together, then reads <c>expect</c> (<see cref="ExpectationParser"/>).
/// </summary>
internal static class StepParser
{
    /// <summary>Reads a list of steps (a scenario's, or a repeat's body: nested steps are named by the outer step in errors).</summary>
    public static List<Step> ParseSteps(JsonElement e, string field, ParseContext ctx, IReadOnlyList<ProcessDecl> processes)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            throw ctx.Fail(field, "must be an array of steps");
        }

        var steps = new List<Step>();
        int i = 0;
        foreach (JsonElement s in e.EnumerateArray())
        {
            string? name = s.ValueKind == JsonValueKind.Object && s.TryGetProperty("name", out JsonElement n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            var sctx = ctx.StepIndex == null ? new ParseContext(ctx.File, i, name) { Format = ctx.Format } : ctx;
            string prefix = ctx.StepIndex == null ? "" : $"{field}[{i}].";
            steps.Add(ParseStep(new ScenarioObject(s, prefix, sctx), i, name, processes));
            i++;
        }

        return steps;
    }

    private static Step ParseStep(ScenarioObject o, int index, string? name, IReadOnlyList<ProcessDecl> processes)
    {
        string op = o.String("do", required: true)!;
        StepKind kind = StepKinds.Find(op) ?? throw o.Fail("do", $"unknown operation '{op}' (known: {string.Join(", ", StepKinds.Names)})");
        StepSchema schema = kind.Schema;
        o.String("name");
        o.String("note");
        var args = new Dictionary<string, Expr>(StringComparer.Ordinal);
        Template? path = null;
        string? asName = null;
        BytesSpec? bytes = null;
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        WireSpec? wire = null;
        bool newCoid = false;
        IReadOnlyList<Step> body = Array.Empty<Step>();
        foreach (var (key, field) in schema.Args)
        {
            if (o.Optional(key) is not JsonElement v)
            {
                if (schema.Required.Contains(key))
                {
                    throw o.Fail(key, $"missing (a {op} step needs {string.Join(", ", schema.Required)})");
                }

                continue;
            }

            switch (field)
            {
                case FieldKind.Expr:
                    args[key] = o.ExprOf(key, v);
                    break;
                case FieldKind.ExprOrNew:
                    if (v.ValueKind == JsonValueKind.String && v.GetString() == "new")
                    {
                        newCoid = true;
                    }
                    else
                    {
                        args[key] = o.ExprOf(key, v);
                    }

                    break;
                case FieldKind.Groups:
                    // declare's groups: an array of expressions, kept as g0..g7.
                    if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() > 8)
                    {
                        throw o.Fail(key, "must be an array of at most 8 group ids");
                    }

                    int gi = 0;
                    foreach (JsonElement g in v.EnumerateArray())
                    {
                        args["g" + gi] = o.ExprOf($"{key}[{gi}]", g);
                        gi++;
                    }

                    args["ngroups"] = Expr.Constant((ulong)gi);
                    break;
                case FieldKind.Template:
                    path = o.TemplateOf(key, v);
                    break;
                case FieldKind.Name:
                    asName = o.NameOf(key, v);
                    break;
                case FieldKind.Bytes:
                    bytes = o.BytesOf(key, v);
                    break;
                case FieldKind.Text:
                    texts[key] = o.TextOf(key, v);
                    break;
                case FieldKind.Wire:
                    wire = ParseWire(new ScenarioObject(v, o.Path(key) + ".", o.Context));
                    break;
                case FieldKind.Steps:
                    body = ParseSteps(v, o.Path(key), o.Context, processes);
                    break;
                default:
                    throw new InvalidOperationException($"{op}.{key}: {field} is not an argument kind");
            }
        }

        var step = new Step
        {
            Index = index,
            Name = name ?? $"{op} #{index}",
            Kind = kind,
            Args = args,
            Path = path,
            As = asName,
            Bytes = bytes,
            Texts = texts,
            Wire = wire,
            NewCoid = newCoid,
            Body = body,
        };
        kind.Check(step, o);
        if (!args.ContainsKey("pid") && kind.DefaultsPid)
        {
            if (processes.Count == 0)
            {
                throw o.Fail("pid", "missing, and the scenario declares no process to default to");
            }

            args["pid"] = Expr.Constant((ulong)processes[0].Pid);
        }

        Expectation expect = new();
        if (o.Optional("expect") is JsonElement ex)
        {
            expect = ExpectationParser.Parse(new ScenarioObject(ex, "expect.", o.Context), schema, op);
        }

        IReadOnlyList<Capture> captures = o.Optional("capture") is JsonElement cap ? Capture.Parse(o, "capture", cap, kind.Observes, op) : Array.Empty<Capture>();
        step = step with { Rules = o.Rules("rules"), Skip = o.String("skip"), Expect = expect, Captures = captures };
        o.NoOthers();
        return step;
    }

    /// <summary>A width given as a constant must be 1, 2, 4 or 8 (a placeholder is checked when the step runs).</summary>
    public static void CheckWidth(Step step, ScenarioObject o)
    {
        if (step.Arg("width") is Expr we && !we.Placeholders.Any())
        {
            ulong wv = we.Evaluate(ConstantContext.Instance);
            if (wv is not (1 or 2 or 4 or 8))
            {
                throw o.Fail("width", $"{wv}: a width is 1, 2, 4 or 8 bytes");
            }
        }
    }

    private static WireSpec ParseWire(ScenarioObject o)
    {
        string type = o.String("type", required: true)!;
        if (WireTypes.Find(type) == null)
        {
            throw o.Fail("type", $"unknown wire type '{type}' (known: {string.Join(", ", WireTypes.Names)})");
        }

        string? form = o.String("form");
        if (form != null && !WireTypes.FormNames.Contains(form))
        {
            throw o.Fail("form", $"unknown stat form '{form}' (known: {string.Join(", ", WireTypes.FormNames)})");
        }

        JsonElement fields = o.Required("fields");
        Pattern p = o.PatternOf("fields", fields);
        o.NoOthers();
        return new WireSpec(type, form, p);
    }
}
