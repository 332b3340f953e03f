using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Memory;

namespace Gateway.Host.Conformance.Steps;

/// <summary><c>munmap</c>: unmaps a range of a client process.</summary>
internal sealed class MunmapStep() : StepKind("munmap", new StepSchema(
    new[] { ("pid", FieldKind.Expr), ("addr", FieldKind.Expr), ("length", FieldKind.Expr) },
    new[] { "addr", "length" },
    StepSchema.ErrnoOnly))
{
    internal override async Task<int> ExecuteAsync(Step step, ScenarioRun run, StepResult r, CancellationToken ct)
    {
        QnxResult res = await run.Process(step).MunmapAsync(run.Eval(step, "addr"), run.Eval(step, "length")).ConfigureAwait(false);
        run.Checks.Errno(step, r, res.Errno);
        return res.Errno;
    }
}
