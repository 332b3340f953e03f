using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Memory;

namespace Gateway.Host.Conformance.Steps;

/// <summary><c>mprotect</c>: changes the protection of a mapped range (an exec upgrade asks the board again, MM-4).</summary>
internal sealed class MprotectStep() : StepKind("mprotect", new StepSchema(
    new[] { ("pid", FieldKind.Expr), ("addr", FieldKind.Expr), ("length", FieldKind.Expr), ("prot", FieldKind.Expr) },
    new[] { "addr", "length", "prot" },
    StepSchema.ErrnoOnly))
{
    public override bool Refusable => true;

    internal override async Task<int> ExecuteAsync(Step step, ScenarioRun run, StepResult r, CancellationToken ct)
    {
        QnxResult res = await run.Process(step).MprotectAsync(run.Eval(step, "addr"), run.Eval(step, "length"), (uint)run.Eval(step, "prot")).ConfigureAwait(false);
        run.Checks.Errno(step, r, res.Errno);
        return res.Errno;
    }
}
