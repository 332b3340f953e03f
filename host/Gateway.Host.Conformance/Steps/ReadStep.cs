using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Memory;

namespace Gateway.Host.Conformance.Steps;

/// <summary>
/// <c>read</c>: a client reads an fd (at an offset, or where it is); the data is checked as bytes, as text it contains,
/// or as JSON (/fw/status, /fw/map); <c>as</c> names the count read.
/// </summary>
internal sealed class ReadStep() : StepKind("read", new StepSchema(
    new[] { ("pid", FieldKind.Expr), ("fd", FieldKind.Expr), ("nbytes", FieldKind.Expr), ("offset", FieldKind.Expr), ("as", FieldKind.Name) },
    new[] { "fd", "nbytes" },
    new[]
    {
        ("errno", FieldKind.Expr), ("count", FieldKind.Expr), ("bytes", FieldKind.Bytes), ("text", FieldKind.Text), ("json", FieldKind.Pattern),
        ("messages", FieldKind.Messages),
    }))
{
    internal override async Task<int> ExecuteAsync(Step step, ScenarioRun run, StepResult r, CancellationToken ct)
    {
        Expectation x = step.Expect;
        ClientProcess p = run.Process(step);
        long? offset = step.Arg("offset") != null ? (long)run.Eval(step, "offset") : null;
        (QnxResult res, byte[] data) = await p.ReadAsync((int)run.Eval(step, "fd"), (int)run.Eval(step, "nbytes"), offset).ConfigureAwait(false);
        run.Checks.Errno(step, r, res.Errno);
        if (!res.Ok)
        {
            return res.Errno;
        }

        run.Bind("value", step.As, (ulong)data.Length);
        run.Checks.Value(step, r, "count", (ulong)data.Length);
        StepChecks.Observe(r, "bytes", JsonValue.Create(Gateway.Host.Wire.HexText.Format(data)));
        if (x.Bytes != null)
        {
            run.Checks.Bytes(r, "bytes", x.Bytes, data);
        }

        if (x.TextOf("text") is string text)
        {
            string got = Encoding.UTF8.GetString(data);
            r.AddForRules("text", $"contains \"{text}\"", StepChecks.Shorten(got), got.Contains(text, StringComparison.Ordinal));
        }

        JsonNode? json = null;
        if (x.PatternOf("json") != null || (data.Length > 0 && data[0] is (byte)'{' or (byte)'['))
        {
            try
            {
                json = JsonNode.Parse(data);
            }
            catch (JsonException)
            {
                // Not JSON: the pattern check reports that there was nothing to compare.
            }
        }

        StepChecks.Observe(r, "json", json);
        if (x.PatternOf("json") is Pattern jp)
        {
            run.Checks.Pattern(r, "json", jp, json);
        }

        return res.Errno;
    }
}
