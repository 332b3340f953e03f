using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Memory;

namespace Gateway.Host.Conformance.Steps;

/// <summary><c>close</c>: a client process closes an fd.</summary>
internal sealed class CloseStep() : StepKind("close", new StepSchema(
    new[] { ("pid", FieldKind.Expr), ("fd", FieldKind.Expr) },
    new[] { "fd" },
    StepSchema.ErrnoOnly))
{
    internal override async Task<int> ExecuteAsync(Step step, ScenarioRun run, StepResult r, CancellationToken ct)
    {
        QnxResult res = await run.Process(step).CloseAsync((int)run.Eval(step, "fd")).ConfigureAwait(false);
        run.Checks.Errno(step, r, res.Errno);
        return res.Errno;
    }
}
