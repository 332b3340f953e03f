using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Memory;

namespace Gateway.Host.Conformance.Steps;

/// <summary>
/// <c>stat</c>: a client stats an fd in a form (<c>format</c>); <c>as</c> names the stat (<c>{stat:NAME.st_size}</c>)
/// and its <c>st_ino</c>.
/// </summary>
internal sealed class StatStep() : StepKind("stat", new StepSchema(
    new[] { ("pid", FieldKind.Expr), ("fd", FieldKind.Expr), ("format", FieldKind.Expr), ("as", FieldKind.Name) },
    new[] { "fd" },
    new[] { ("errno", FieldKind.Expr), ("size", FieldKind.Expr), ("stat", FieldKind.Pattern), ("messages", FieldKind.Messages) }))
{
    internal override async Task<int> ExecuteAsync(Step step, ScenarioRun run, StepResult r, CancellationToken ct)
    {
        ClientProcess p = run.Process(step);
        (QnxResult res, byte[] body) = await p.StatAsync((int)run.Eval(step, "fd"), (uint)run.Eval(step, "format", 0)).ConfigureAwait(false);
        run.Checks.Errno(step, r, res.Errno);
        if (!res.Ok)
        {
            return res.Errno;
        }

        run.Checks.Value(step, r, "size", (ulong)body.Length);
        JsonNode? json = WireJson.Stat(body);
        StepChecks.Observe(r, "stat", json);
        if (json != null)
        {
            run.Bind("stat", step.As, json);
        }

        if (json?["st_ino"] is JsonNode ino && Pattern.TryNumber(ino, out ulong inoValue))
        {
            run.Bind("ino", step.As, inoValue);
        }

        if (step.Expect.PatternOf("stat") is Pattern sp)
        {
            run.Checks.Pattern(r, "stat", sp, json);
        }

        return res.Errno;
    }
}
