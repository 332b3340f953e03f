using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Memory;

namespace Gateway.Host.Conformance.Steps;

/// <summary><c>open</c>: a client process opens a path; <c>as</c> names the fd (and coid) it got.</summary>
internal sealed class OpenStep() : StepKind("open", new StepSchema(
    new[] { ("pid", FieldKind.Expr), ("path", FieldKind.Template), ("oflag", FieldKind.Expr), ("mode", FieldKind.Expr), ("sflag", FieldKind.Expr), ("as", FieldKind.Name) },
    new[] { "path" },
    new[] { ("errno", FieldKind.Expr), ("fd", FieldKind.Expr), ("messages", FieldKind.Messages) }))
{
    public override bool Refusable => true;

    internal override async Task<int> ExecuteAsync(Step step, ScenarioRun run, StepResult r, CancellationToken ct)
    {
        ClientProcess p = run.Process(step);
        string path = step.Path!.Evaluate(run.Names);
        QnxResult res = await p.OpenAsync(path, (uint)run.Eval(step, "oflag", 0), (uint)run.Eval(step, "mode", 0), (ushort)run.Eval(step, "sflag", 0)).ConfigureAwait(false);
        run.Checks.Errno(step, r, res.Errno);
        if (res.Ok)
        {
            run.Bind("fd", step.As, (ulong)res.Value);
            run.Bind("coid", step.As, (ulong)res.Value);
            run.Checks.Value(step, r, "fd", (ulong)res.Value);
        }

        return res.Errno;
    }
}
