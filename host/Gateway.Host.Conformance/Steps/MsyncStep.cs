using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Memory;

namespace Gateway.Host.Conformance.Steps;

/// <summary><c>msync</c>: synchronizes a mapped range.</summary>
internal sealed class MsyncStep() : StepKind("msync", new StepSchema(
    new[] { ("pid", FieldKind.Expr), ("addr", FieldKind.Expr), ("length", FieldKind.Expr), ("flags", FieldKind.Expr) },
    new[] { "addr", "length", "flags" },
    StepSchema.ErrnoOnly))
{
    internal override async Task<int> ExecuteAsync(Step step, ScenarioRun run, StepResult r, CancellationToken ct)
    {
        QnxResult res = await run.Process(step).MsyncAsync(run.Eval(step, "addr"), run.Eval(step, "length"), (uint)run.Eval(step, "flags")).ConfigureAwait(false);
        run.Checks.Errno(step, r, res.Errno);
        return res.Errno;
    }
}
