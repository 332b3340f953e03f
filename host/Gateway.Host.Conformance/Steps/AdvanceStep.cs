using System;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;

namespace Gateway.Host.Conformance.Steps;

/// <summary>
/// <c>advance</c>: lets time pass — the board's (simulated on <c>emu:</c>, waited for elsewhere) and the memory
/// manager's, whose lingering mappings expire (MM-11).
/// </summary>
internal sealed class AdvanceStep() : StepKind("advance", new StepSchema(
    new[] { ("ms", FieldKind.Expr) },
    new[] { "ms" },
    new[] { ("messages", FieldKind.Messages) }))
{
    internal override async Task<int> ExecuteAsync(Step step, ScenarioRun run, StepResult r, CancellationToken ct)
    {
        var by = TimeSpan.FromMilliseconds(run.Eval(step, "ms"));
        await run.Current.Target.AdvanceAsync(by, ct).ConfigureAwait(false);
        run.Time.Advance(by);
        await run.Current.Mm.ExpireLingersAsync().ConfigureAwait(false);
        return 0;
    }
}
