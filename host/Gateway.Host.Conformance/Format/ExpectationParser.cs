using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Gateway.Host.Conformance.Steps;
using Gateway.Host.Wire;

namespace Gateway.Host.Conformance.Format;

/// <summary>Reads a step's <c>expect</c> by the expectations its kind's <see cref="StepSchema"/> names, and the <c>messages</c> expectation.</summary>
internal static class ExpectationParser
{
    public static Expectation Parse(ScenarioObject o, StepSchema schema, string op)
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
            if (schema.ExpectationKind(key) is not FieldKind kind)
            {
                throw o.Fail(key, $"not an expectation of a {op} step (known: {string.Join(", ", schema.Expect.Select(e => e.Key))})");
            }

            JsonElement v = o.Required(key);
            switch (kind)
            {
                case FieldKind.Expr when key == "errno":
                    errno = o.ExprOf(key, v);
                    break;
                case FieldKind.Expr when key == "mask" && v.ValueKind == JsonValueKind.Object:
                    throw o.Fail(key, "is the bits of the value compared, not a comparison: compare the value itself ({\"value\": {\"has\": M}} or {\"clear\": M})");
                case FieldKind.Expr when o.Context.Format >= 2 && Comparison.IsComparison(v):
                    values[key] = ExpectedOf(o, key, v);
                    break;
                case FieldKind.Expr:
                    values[key] = o.ExprOf(key, v);
                    break;
                case FieldKind.Pattern:
                    patterns[key] = o.PatternOf(key, v);
                    break;
                case FieldKind.Bool:
                    flags[key] = o.FlagOf(key, v);
                    break;
                case FieldKind.BoolOrText:
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
                case FieldKind.Text:
                    texts[key] = o.TextOf(key, v);
                    break;
                case FieldKind.Signal:
                    string signal = o.TextOf(key, v);
                    texts[key] = signal is "none" or "SIGSEGV" or "SIGBUS" ? signal : throw o.Fail(key, $"'{signal}': expected \"none\", \"SIGSEGV\" or \"SIGBUS\"");
                    break;
                case FieldKind.WireType:
                    string type = o.TextOf(key, v);
                    texts[key] = WireTypes.Find(type) != null ? type : throw o.Fail(key, $"unknown wire type '{type}'");
                    break;
                case FieldKind.Name:
                    texts[key] = o.NameOf(key, v);
                    break;
                case FieldKind.Bytes:
                    bytes = o.BytesOf(key, v);
                    if (key != "bytes")
                    {
                        // reply_hex: kept as a pattern-free byte spec under its own key.
                        texts["bytes_key"] = key;
                    }

                    break;
                case FieldKind.Messages:
                    messages = ParseMessages(o, key, v);
                    break;
                default:
                    throw new InvalidOperationException($"{op} expect.{key}: {kind} is not an expectation kind");
            }
        }

        if (errno != null && !errno.Placeholders.Any() && Protocol.Qnx.Errno.Name((int)errno.Evaluate(ConstantContext.Instance)) == null)
        {
            throw o.Fail("errno", $"{errno.Text} is not a QNX errno Gateway knows");
        }

        return new Expectation { Errno = errno, Values = values, Patterns = patterns, Flags = flags, Texts = texts, Bytes = bytes, Messages = messages };
    }

    private static MessagesExpectation ParseMessages(ScenarioObject o, string key, JsonElement v)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.String when v.GetString() == "none":
                return new MessagesExpectation { Sequence = Array.Empty<MessageExpectation>() };
            case JsonValueKind.Array:
                return new MessagesExpectation { Sequence = ParseMessageList(o, key, v) };
            case JsonValueKind.Object:
                var m = new ScenarioObject(v, o.Path(key) + ".", o.Context);
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

    private static List<MessageExpectation> ParseMessageList(ScenarioObject o, string key, JsonElement v)
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
                var m = new ScenarioObject(x, o.Path(field) + ".", o.Context);
                var item = new MessageExpectation
                {
                    Kind = KindOf(m, "type", m.Required("type")),
                    Pid = m.Optional("pid") is JsonElement p ? ExpectedOf(m, "pid", p) : null,
                    Coid = m.Optional("coid") is JsonElement c ? ExpectedOf(m, "coid", c) : null,
                    Fields = m.Optional("fields") is JsonElement f ? m.PatternOf("fields", f) : null,
                    Errno = m.Optional("errno") is JsonElement e ? m.ExprOf("errno", e) : null,
                    Status = m.Optional("status") is JsonElement s ? ExpectedOf(m, "status", s) : null,
                    ReplySize = m.Optional("reply_size") is JsonElement rs ? ExpectedOf(m, "reply_size", rs) : null,
                };
                m.NoOthers();
                list.Add(item);
            }
            else
            {
                throw o.Fail(field, "expected a message kind such as \"_IO_MMAP\" or an object {type, pid, coid, fields, errno, status, reply_size}");
            }

            i++;
        }

        return list;
    }

    /// <summary>An expected integer: a value, or in format 2 an object of comparisons.</summary>
    private static Expr ExpectedOf(ScenarioObject o, string key, JsonElement v) =>
        o.Context.Format >= 2 && Comparison.IsComparison(v)
            ? Comparison.Parse(v, (k, x) => o.ExprOf($"{key}.{k}", x), (k, m) => o.Fail($"{key}.{k}", m))
            : o.ExprOf(key, v);

    private static string KindOf(ScenarioObject o, string field, JsonElement x)
    {
        string? s = x.ValueKind == JsonValueKind.String ? x.GetString() : null;
        if (s == null || s.Length == 0 || s.Split('+').Any(part => !part.StartsWith("_IO_", StringComparison.Ordinal) || !Symbols.TryGet(part, out _)))
        {
            throw o.Fail(field, $"{x.GetRawText()} is not a message kind (e.g. \"_IO_MMAP\", \"_IO_LSEEK+_IO_READ\")");
        }

        return s;
    }
}
