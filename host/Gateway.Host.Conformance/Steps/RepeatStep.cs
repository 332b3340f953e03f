using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;

namespace Gateway.Host.Conformance.Steps;

/// <summary>
/// <c>repeat</c>: runs its steps <c>times</c> times with <c>{i}</c> counting from 0; each inner step reports as
/// <c>OUTER.INNER[i]</c>. It has no result of its own unless <c>times</c> cannot be evaluated.
/// </summary>
internal sealed class RepeatStep() : StepKind("repeat", new StepSchema(
    new[] { ("times", FieldKind.Expr), ("steps", FieldKind.Steps) },
    new[] { "times", "steps" },
    Array.Empty<(string, FieldKind)>()))
{
    /// <summary>At most this many iterations, whatever <c>times</c> says.</summary>
    private const int MaxIterations = 100_000;

    internal override async Task RunAsync(Step step, string id, ScenarioRun run, List<StepResult> results, CancellationToken ct)
    {
        ulong times;
        try
        {
            times = run.Eval(step, "times");
        }
        catch (ScenarioRunException e)
        {
            StepResult outer = run.NewResult(step, id);
            outer.AddForRules("run", "the step runs", e.Message, false);
            results.Add(outer);
            return;
        }

        int saved = run.Names.Iteration;
        for (int i = 0; i < (int)Math.Min(times, MaxIterations); i++)
        {
            run.Names.Iteration = i;
            foreach (Step inner in step.Body)
            {
                await run.RunStepAsync(inner, $"{id}.{inner.Index}[{i}]", results, ct).ConfigureAwait(false);
            }
        }

        run.Names.Iteration = saved;
    }

    internal override Task<int> ExecuteAsync(Step step, ScenarioRun run, StepResult r, CancellationToken ct) =>
        throw new InvalidOperationException("a repeat runs its body (RunAsync), not one operation");
}
