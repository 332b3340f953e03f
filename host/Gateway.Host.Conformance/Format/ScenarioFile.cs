using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Gateway.Host.Wire;

namespace Gateway.Host.Conformance.Format;

/// <summary>
/// Reads scenario files (format 1, hardware-docs/scenarios.md) with <see cref="JsonDocument"/>, strictly: every
/// unknown key, wrong kind, bad expression or missing field is a <see cref="ScenarioFormatException"/> naming the
/// file, the step and the field.
/// </summary>
public static class ScenarioFile
{
    private enum Kind
    {
        Expr,
        Template,
        Name,
        Bytes,
        Wire,
        Steps,
        Bool,
        Text,
        Pattern,
        Messages,
        ExprOrNew,
        BoolOrText,
        Groups,
    }

    private sealed record OpSchema(Dictionary<string, Kind> Args, string[] Required, Dictionary<string, Kind> Expect);

    private static readonly Dictionary<string, Kind> MmapExpect = new()
    {
        ["errno"] = Kind.Expr, ["address"] = Kind.Expr, ["address_page_offset"] = Kind.Expr, ["allowed_prot"] = Kind.Expr,
        ["reply_size"] = Kind.Expr, ["flags"] = Kind.Expr, ["coid"] = Kind.Expr, ["stat"] = Kind.Pattern, ["reply"] = Kind.Pattern,
        ["retried"] = Kind.Bool, ["stat_from_reply"] = Kind.Bool, ["nonconformance"] = Kind.BoolOrText, ["messages"] = Kind.Messages,
    };

    private static readonly Dictionary<string, Kind> ErrnoOnly = new() { ["errno"] = Kind.Expr, ["messages"] = Kind.Messages };

    private static readonly Dictionary<string, OpSchema> Schemas = new(StringComparer.Ordinal)
    {
        [Ops.Declare] = new(new() { ["pid"] = Kind.Expr, ["uid"] = Kind.Expr, ["gid"] = Kind.Expr, ["euid"] = Kind.Expr, ["egid"] = Kind.Expr, ["groups"] = Kind.Groups, ["bits"] = Kind.Expr },
            new[] { "pid", "uid" }, new() { ["errno"] = Kind.Expr }),
        [Ops.Open] = new(new() { ["pid"] = Kind.Expr, ["path"] = Kind.Template, ["oflag"] = Kind.Expr, ["mode"] = Kind.Expr, ["sflag"] = Kind.Expr, ["as"] = Kind.Name },
            new[] { "path" }, new() { ["errno"] = Kind.Expr, ["fd"] = Kind.Expr, ["messages"] = Kind.Messages }),
        [Ops.Close] = new(new() { ["pid"] = Kind.Expr, ["fd"] = Kind.Expr }, new[] { "fd" }, ErrnoOnly),
        [Ops.Mmap] = new(new() { ["pid"] = Kind.Expr, ["fd"] = Kind.Expr, ["addr"] = Kind.Expr, ["length"] = Kind.Expr, ["prot"] = Kind.Expr, ["flags"] = Kind.Expr, ["offset"] = Kind.Expr, ["as"] = Kind.Name },
            new[] { "length", "prot", "flags" }, MmapExpect),
        [Ops.MmapDeviceMemory] = new(new() { ["pid"] = Kind.Expr, ["length"] = Kind.Expr, ["prot"] = Kind.Expr, ["flags"] = Kind.Expr, ["physical"] = Kind.Expr, ["as"] = Kind.Name },
            new[] { "length", "prot", "physical" }, MmapExpect),
        [Ops.Munmap] = new(new() { ["pid"] = Kind.Expr, ["addr"] = Kind.Expr, ["length"] = Kind.Expr }, new[] { "addr", "length" }, ErrnoOnly),
        [Ops.Msync] = new(new() { ["pid"] = Kind.Expr, ["addr"] = Kind.Expr, ["length"] = Kind.Expr, ["flags"] = Kind.Expr }, new[] { "addr", "length", "flags" }, ErrnoOnly),
        [Ops.Mprotect] = new(new() { ["pid"] = Kind.Expr, ["addr"] = Kind.Expr, ["length"] = Kind.Expr, ["prot"] = Kind.Expr }, new[] { "addr", "length", "prot" }, ErrnoOnly),
        [Ops.Load] = new(new() { ["pid"] = Kind.Expr, ["addr"] = Kind.Expr, ["width"] = Kind.Expr, ["count"] = Kind.Expr, ["as"] = Kind.Name },
            new[] { "addr" }, new() { ["value"] = Kind.Expr, ["mask"] = Kind.Expr, ["bytes"] = Kind.Bytes, ["signal"] = Kind.Text, ["errno"] = Kind.Expr, ["messages"] = Kind.Messages }),
        [Ops.Store] = new(new() { ["pid"] = Kind.Expr, ["addr"] = Kind.Expr, ["width"] = Kind.Expr, ["value"] = Kind.Expr, ["bytes"] = Kind.Bytes },
            new[] { "addr" }, new() { ["signal"] = Kind.Text, ["errno"] = Kind.Expr, ["messages"] = Kind.Messages }),
        [Ops.Read] = new(new() { ["pid"] = Kind.Expr, ["fd"] = Kind.Expr, ["nbytes"] = Kind.Expr, ["offset"] = Kind.Expr, ["as"] = Kind.Name },
            new[] { "fd", "nbytes" }, new() { ["errno"] = Kind.Expr, ["count"] = Kind.Expr, ["bytes"] = Kind.Bytes, ["text"] = Kind.Text, ["json"] = Kind.Pattern, ["messages"] = Kind.Messages }),
        [Ops.Write] = new(new() { ["pid"] = Kind.Expr, ["fd"] = Kind.Expr, ["bytes"] = Kind.Bytes, ["text"] = Kind.Text, ["offset"] = Kind.Expr },
            new[] { "fd" }, new() { ["errno"] = Kind.Expr, ["count"] = Kind.Expr, ["messages"] = Kind.Messages }),
        [Ops.Stat] = new(new() { ["pid"] = Kind.Expr, ["fd"] = Kind.Expr, ["format"] = Kind.Expr, ["as"] = Kind.Name },
            new[] { "fd" }, new() { ["errno"] = Kind.Expr, ["size"] = Kind.Expr, ["stat"] = Kind.Pattern, ["messages"] = Kind.Messages }),
        [Ops.Raw] = new(new() { ["pid"] = Kind.Expr, ["coid"] = Kind.ExprOrNew, ["hex"] = Kind.Bytes, ["wire"] = Kind.Wire, ["as"] = Kind.Name },
            new[] { "coid" }, new() { ["errno"] = Kind.Expr, ["status"] = Kind.Expr, ["reply_size"] = Kind.Expr, ["reply_hex"] = Kind.Bytes, ["reply"] = Kind.Pattern, ["reply_type"] = Kind.Text }),
        [Ops.Status] = new(new() { ["as"] = Kind.Name },
            Array.Empty<string>(), new() { ["files"] = Kind.Pattern, ["json"] = Kind.Pattern, ["events"] = Kind.Pattern, ["ocbs_in_use"] = Kind.Expr, ["unchanged_since"] = Kind.Name }),
        [Ops.WaitEvent] = new(new() { ["source"] = Kind.Expr, ["code"] = Kind.Expr, ["value"] = Kind.Expr, ["timeout_ms"] = Kind.Expr },
            new[] { "source" }, new() { ["count"] = Kind.Expr }),
        [Ops.Advance] = new(new() { ["ms"] = Kind.Expr }, new[] { "ms" }, new() { ["messages"] = Kind.Messages }),
        [Ops.Repeat] = new(new() { ["times"] = Kind.Expr, ["steps"] = Kind.Steps }, new[] { "times", "steps" }, new()),
        [Ops.NewSession] = new(new() { ["how"] = Kind.Text }, Array.Empty<string>(), new() { ["ended"] = Kind.Text }),
    };

    /// <summary>The operations (values of <c>do</c>).</summary>
    public static IEnumerable<string> OpNames => Schemas.Keys;

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
            var ctx = new Ctx(file, null, null);
            var root = new Obj(doc.RootElement, "", ctx);
            JsonElement format = root.Required("format");
            if (format.ValueKind != JsonValueKind.Number || !format.TryGetInt32(out int f) || f != Scenario.CurrentFormat)
            {
                throw ctx.Fail("format", $"{format.GetRawText()} is not a format this harness reads (it reads {Scenario.CurrentFormat})");
            }

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
                var sctx = new Ctx(where, null, null);
                Scenario s = ParseScenario(new Obj(e, "", sctx), sctx, file, area);
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

    private static Scenario ParseScenario(Obj root, Ctx ctx, string file, string? area)
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
                processes.Add(ParseProcess(new Obj(p, $"processes[{i}]", ctx), processes));
                i++;
            }
        }

        TargetRequirements target = new();
        if (root.Optional("target") is JsonElement t)
        {
            target = ParseTarget(new Obj(t, "target", ctx));
        }

        JsonElement stepsElement = root.Required("steps");
        var stepCtx = new StepCtx(processes);
        var steps = ParseSteps(stepsElement, "steps", ctx, stepCtx);
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
        };
        root.String("description");
        root.NoOthers();
        return scenario;
    }

    private sealed class StepCtx(List<ProcessDecl> processes)
    {
        public List<ProcessDecl> Processes => processes;
    }

    private static ProcessDecl ParseProcess(Obj o, List<ProcessDecl> earlier)
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

    private static TargetRequirements ParseTarget(Obj o)
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

        o.NoOthers();
        return new TargetRequirements { Bits = bits, Quirks = quirks, Requires = requires };
    }

    private static List<Step> ParseSteps(JsonElement e, string field, Ctx ctx, StepCtx stepCtx)
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
            // Nested steps (repeat) are named by the outer step in errors, with the path down to the field.
            var sctx = ctx.StepIndex == null ? new Ctx(ctx.File, i, name) : ctx;
            string prefix = ctx.StepIndex == null ? "" : $"{field}[{i}].";
            steps.Add(ParseStep(new Obj(s, prefix, sctx), i, name, sctx, stepCtx));
            i++;
        }

        return steps;
    }

    private static Step ParseStep(Obj o, int index, string? name, Ctx ctx, StepCtx stepCtx)
    {
        string op = o.String("do", required: true)!;
        if (!Schemas.TryGetValue(op, out OpSchema? schema))
        {
            throw o.Fail("do", $"unknown operation '{op}' (known: {string.Join(", ", Schemas.Keys)})");
        }

        o.String("name");
        o.String("note");
        var args = new Dictionary<string, Expr>(StringComparer.Ordinal);
        Template? path = null;
        string? asName = null;
        BytesSpec? bytes = null;
        string? text = null;
        WireSpec? wire = null;
        bool newCoid = false;
        IReadOnlyList<Step> body = Array.Empty<Step>();
        foreach (var (key, kind) in schema.Args)
        {
            if (o.Optional(key) is not JsonElement v)
            {
                if (schema.Required.Contains(key))
                {
                    throw o.Fail(key, $"missing (a {op} step needs {string.Join(", ", schema.Required)})");
                }

                continue;
            }

            switch (kind)
            {
                case Kind.Expr:
                    args[key] = o.ExprOf(key, v);
                    break;
                case Kind.ExprOrNew:
                    if (v.ValueKind == JsonValueKind.String && v.GetString() == "new")
                    {
                        newCoid = true;
                    }
                    else
                    {
                        args[key] = o.ExprOf(key, v);
                    }

                    break;
                case Kind.Groups:
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
                case Kind.Template:
                    path = o.TemplateOf(key, v);
                    break;
                case Kind.Name:
                    asName = o.NameOf(key, v);
                    break;
                case Kind.Bytes:
                    bytes = o.BytesOf(key, v);
                    break;
                case Kind.Text:
                    text = v.ValueKind == JsonValueKind.String ? v.GetString() : throw o.Fail(key, "must be a string");
                    break;
                case Kind.Wire:
                    wire = ParseWire(new Obj(v, o.Path(key) + ".", ctx));
                    break;
                case Kind.Steps:
                    body = ParseSteps(v, o.Path(key), ctx, stepCtx);
                    break;
                default:
                    throw new InvalidOperationException(kind.ToString());
            }
        }

        if (op == Ops.Raw && (bytes == null) == (wire == null))
        {
            throw o.Fail("hex", "a raw step gives exactly one of hex and wire");
        }

        if (op == Ops.Write && (bytes == null) == (text == null))
        {
            throw o.Fail("bytes", "a write step gives exactly one of bytes and text");
        }

        if (op == Ops.Store && (bytes == null) == !args.ContainsKey("value"))
        {
            throw o.Fail("value", "a store step gives exactly one of value (with width) and bytes");
        }

        if (op == Ops.Load && args.ContainsKey("width") == args.ContainsKey("count"))
        {
            throw o.Fail("width", "a load step gives exactly one of width (1, 2, 4 or 8) and count (bytes)");
        }

        if (op == Ops.Store && args.ContainsKey("value") && !args.ContainsKey("width"))
        {
            throw o.Fail("width", "a store of a value needs its width (1, 2, 4 or 8)");
        }

        foreach (string w in new[] { "width" })
        {
            if (args.TryGetValue(w, out Expr? we) && !we.Placeholders.Any())
            {
                ulong wv = we.Evaluate(NoContext.Instance);
                if (wv is not (1 or 2 or 4 or 8))
                {
                    throw o.Fail(w, $"{wv}: a width is 1, 2, 4 or 8 bytes");
                }
            }
        }

        if (op == Ops.NewSession && text is not (null or "close" or "replace"))
        {
            throw o.Fail("how", $"'{text}': a session ends by \"close\" (the host's CLOSE) or \"replace\" (a new session with the same host id)");
        }

        if (!args.ContainsKey("pid") && op is not (Ops.Status or Ops.WaitEvent or Ops.Advance or Ops.Repeat or Ops.Declare or Ops.NewSession))
        {
            if (stepCtx.Processes.Count == 0)
            {
                throw o.Fail("pid", "missing, and the scenario declares no process to default to");
            }

            args["pid"] = Expr.Constant((ulong)stepCtx.Processes[0].Pid);
        }

        Expectation expect = new();
        if (o.Optional("expect") is JsonElement ex)
        {
            expect = ParseExpect(new Obj(ex, "expect.", ctx), schema.Expect, op);
        }

        var step = new Step
        {
            Index = index,
            Name = name ?? $"{op} #{index}",
            Op = op,
            Rules = o.Rules("rules"),
            Skip = o.String("skip"),
            Args = args,
            Path = path,
            As = asName,
            Bytes = bytes,
            Text = text,
            Wire = wire,
            NewCoid = newCoid,
            Body = body,
            Expect = expect,
        };
        o.NoOthers();
        return step;
    }

    private static WireSpec ParseWire(Obj o)
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

    private static Expectation ParseExpect(Obj o, Dictionary<string, Kind> schema, string op)
    {
        var values = new Dictionary<string, Expr>(StringComparer.Ordinal);
        var patterns = new Dictionary<string, Pattern>(StringComparer.Ordinal);
        var flags = new Dictionary<string, bool>(StringComparer.Ordinal);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        Expr? errno = null;
        BytesSpec? bytes = null;
        MessagesExpectation? messages = null;
        foreach (string key in o.Keys)
        {
            if (!schema.TryGetValue(key, out Kind kind))
            {
                throw o.Fail(key, $"not an expectation of a {op} step (known: {string.Join(", ", schema.Keys)})");
            }

            JsonElement v = o.Required(key);
            switch (kind)
            {
                case Kind.Expr when key == "errno":
                    errno = o.ExprOf(key, v);
                    break;
                case Kind.Expr:
                    values[key] = o.ExprOf(key, v);
                    break;
                case Kind.Pattern:
                    patterns[key] = o.PatternOf(key, v);
                    break;
                case Kind.Bool:
                    flags[key] = v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : throw o.Fail(key, "must be true or false");
                    break;
                case Kind.BoolOrText:
                    if (v.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    {
                        flags[key] = v.GetBoolean();
                    }
                    else if (v.ValueKind == JsonValueKind.String)
                    {
                        texts[key] = v.GetString()!;
                    }
                    else
                    {
                        throw o.Fail(key, "must be true, false or a string the report contains");
                    }

                    break;
                case Kind.Text:
                    string t = v.ValueKind == JsonValueKind.String ? v.GetString()! : throw o.Fail(key, "must be a string");
                    if (key == "signal" && t is not ("none" or "SIGSEGV" or "SIGBUS"))
                    {
                        throw o.Fail(key, $"'{t}': expected \"none\", \"SIGSEGV\" or \"SIGBUS\"");
                    }

                    if (key == "reply_type" && WireTypes.Find(t) == null)
                    {
                        throw o.Fail(key, $"unknown wire type '{t}'");
                    }

                    texts[key] = t;
                    break;
                case Kind.Name:
                    texts[key] = o.NameOf(key, v);
                    break;
                case Kind.Bytes:
                    if (key == "bytes")
                    {
                        bytes = o.BytesOf(key, v);
                    }
                    else
                    {
                        // reply_hex: kept as a pattern-free byte spec under its own key.
                        bytes = o.BytesOf(key, v);
                        texts["bytes_key"] = key;
                    }

                    break;
                case Kind.Messages:
                    messages = ParseMessages(o, key, v);
                    break;
                default:
                    throw new InvalidOperationException(kind.ToString());
            }
        }

        if (errno != null && !errno.Placeholders.Any() && Protocol.Qnx.Errno.Name((int)errno.Evaluate(NoContext.Instance)) == null)
        {
            throw o.Fail("errno", $"{errno.Text} is not a QNX errno Gateway knows");
        }

        return new Expectation { Errno = errno, Values = values, Patterns = patterns, Flags = flags, Texts = texts, Bytes = bytes, Messages = messages };
    }

    private static MessagesExpectation ParseMessages(Obj o, string key, JsonElement v)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.String when v.GetString() == "none":
                return new MessagesExpectation { Sequence = Array.Empty<MessageExpectation>() };
            case JsonValueKind.Array:
                return new MessagesExpectation { Sequence = ParseMessageList(o, key, v) };
            case JsonValueKind.Object:
                var m = new Obj(v, o.Path(key) + ".", o.Context);
                var types = new List<string>();
                if (m.Optional("types") is JsonElement t)
                {
                    if (t.ValueKind != JsonValueKind.Array)
                    {
                        throw m.Fail("types", "must be an array of message kinds");
                    }

                    int i = 0;
                    foreach (JsonElement x in t.EnumerateArray())
                    {
                        types.Add(KindOf(m, $"types[{i}]", x));
                        i++;
                    }
                }

                var result = new MessagesExpectation
                {
                    Count = m.Optional("count") is JsonElement c ? m.ExprOf("count", c) : null,
                    Min = m.Optional("min") is JsonElement mn ? m.ExprOf("min", mn) : null,
                    Max = m.Optional("max") is JsonElement mx ? m.ExprOf("max", mx) : null,
                    Types = types.Count > 0 ? types : null,
                    Includes = m.Optional("includes") is JsonElement inc ? ParseMessageList(m, "includes", inc) : null,
                };
                m.NoOthers();
                return result;
            default:
                throw o.Fail(key, "expected \"none\", a list of messages, or {count, min, max, types, includes}");
        }
    }

    private static List<MessageExpectation> ParseMessageList(Obj o, string key, JsonElement v)
    {
        if (v.ValueKind != JsonValueKind.Array)
        {
            throw o.Fail(key, "must be an array");
        }

        var list = new List<MessageExpectation>();
        int i = 0;
        foreach (JsonElement x in v.EnumerateArray())
        {
            string field = $"{key}[{i}]";
            if (x.ValueKind == JsonValueKind.String)
            {
                list.Add(new MessageExpectation { Kind = KindOf(o, field, x) });
            }
            else if (x.ValueKind == JsonValueKind.Object)
            {
                var m = new Obj(x, o.Path(field) + ".", o.Context);
                var item = new MessageExpectation
                {
                    Kind = KindOf(m, "type", m.Required("type")),
                    Pid = m.Optional("pid") is JsonElement p ? m.ExprOf("pid", p) : null,
                    Coid = m.Optional("coid") is JsonElement c ? m.ExprOf("coid", c) : null,
                    Fields = m.Optional("fields") is JsonElement f ? m.PatternOf("fields", f) : null,
                    Errno = m.Optional("errno") is JsonElement e ? m.ExprOf("errno", e) : null,
                    Status = m.Optional("status") is JsonElement s ? m.ExprOf("status", s) : null,
                };
                m.NoOthers();
                list.Add(item);
            }
            else
            {
                throw o.Fail(field, "expected a message kind such as \"_IO_MMAP\" or an object {type, pid, coid, fields, errno, status}");
            }

            i++;
        }

        return list;
    }

    private static string KindOf(Obj o, string field, JsonElement x)
    {
        string? s = x.ValueKind == JsonValueKind.String ? x.GetString() : null;
        if (s == null || s.Length == 0 || s.Split('+').Any(part => !part.StartsWith("_IO_", StringComparison.Ordinal) || !Symbols.TryGet(part, out _)))
        {
            throw o.Fail(field, $"{x.GetRawText()} is not a message kind (e.g. \"_IO_MMAP\", \"_IO_LSEEK+_IO_READ\")");
        }

        return s;
    }

    private sealed class NoContext : IExprContext
    {
        public static readonly NoContext Instance = new();

        public bool TryResolve(Placeholder placeholder, out object value, out string error)
        {
            value = 0UL;
            error = "no context";
            return false;
        }

        public ulong Dynamic(string symbol) => 0;
    }

    internal sealed record Ctx(string File, int? StepIndex, string? StepName)
    {
        public ScenarioFormatException Fail(string field, string reason) => new(File, StepIndex, StepName, field, reason);
    }

    /// <summary>A JSON object being read: remembers the keys taken so leftovers are reported, and names fields by path.</summary>
    private sealed class Obj
    {
        private readonly JsonElement e;
        private readonly string prefix;
        private readonly HashSet<string> taken = new(StringComparer.Ordinal);

        public Obj(JsonElement e, string prefix, Ctx ctx)
        {
            Context = ctx;
            this.prefix = prefix.Length > 0 && !prefix.EndsWith('.') ? prefix + "." : prefix;
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw ctx.Fail(prefix.Length == 0 ? "(root)" : prefix.TrimEnd('.'), $"must be an object, not {e.ValueKind}");
            }

            this.e = e;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty p in e.EnumerateObject())
            {
                if (!seen.Add(p.Name))
                {
                    throw ctx.Fail(Path(p.Name), "duplicate key");
                }
            }
        }

        public Ctx Context { get; }

        public IEnumerable<string> Keys => e.EnumerateObject().Select(p => p.Name).ToList();

        public string Path(string key) => prefix + key;

        public ScenarioFormatException Fail(string key, string reason) => Context.Fail(Path(key), reason);

        public JsonElement? Optional(string key)
        {
            if (e.TryGetProperty(key, out JsonElement v))
            {
                taken.Add(key);
                return v;
            }

            return null;
        }

        public JsonElement Required(string key) => Optional(key) ?? throw Fail(key, "missing");

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

        public Pattern PatternOf(string key, JsonElement v) => Pattern.Parse(v, key, m => Fail(key, m));

        public BytesSpec BytesOf(string key, JsonElement v)
        {
            var pieces = new List<(byte[]?, int, Expr?)>();
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
            foreach (JsonElement x in v.EnumerateArray())
            {
                string f = $"{key}[{i}]";
                if (x.ValueKind == JsonValueKind.String)
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

            return new BytesSpec(pieces, v.GetRawText());
        }

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

        public void NoOthers()
        {
            foreach (JsonProperty p in e.EnumerateObject())
            {
                if (!taken.Contains(p.Name))
                {
                    throw Fail(p.Name, "unknown key");
                }
            }
        }
    }
}
