using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;

namespace Gateway.Host.Conformance.Steps;

/// <summary>
/// <c>poll</c> (format 2): a bounded poll — runs its steps again until every check of one attempt holds, at most
/// <c>max</c> attempts, letting <c>interval_ms</c> pass on the board between attempts (as <c>advance</c> does). The
/// attempt that held reports its steps (<c>OUTER.INNER[k]</c>); the attempts before it are discarded. When none
/// held, the last attempt's results stand and the poll itself fails saying so: a poll never passes by running out.
/// </summary>
internal sealed class PollStep() : StepKind("poll", new StepSchema(
    new[] { ("max", FieldKind.Expr), ("interval_ms", FieldKind.Expr), ("steps", FieldKind.Steps) },
    new[] { "max", "steps" },
    Array.Empty<(string, FieldKind)>()))
{
    /// <summary>At most this many attempts, whatever <c>max</c> says.</summary>
    private const int MaxAttempts = 10_000;

    internal override void Check(Step step, ScenarioObject o)
    {
        if (o.Context.Format < 2)
        {
            throw o.Fail("do", "a poll step needs \"format\": 2");
        }

        if (step.Arg("max") is Expr m && !m.Placeholders.Any() && m.Evaluate(ConstantContext.Instance) is 0 or > MaxAttempts)
        {
            throw o.Fail("max", $"{m.Text}: a poll makes 1 to {MaxAttempts} attempts");
        }

        if (step.Body.Count == 0)
        {
            throw o.Fail("steps", "a poll needs at least one step to repeat");
        }
    }

    internal override async Task RunAsync(Step step, string id, ScenarioRun run, List<StepResult> results, CancellationToken ct)
    {
        StepResult outer = run.NewResult(step, id);
        ulong max;
        TimeSpan interval;
        try
        {
            max = run.Eval(step, "max");
            interval = TimeSpan.FromMilliseconds(run.Eval(step, "interval_ms", 0));
            if (max is 0 or > MaxAttempts)
            {
                throw new ScenarioRunException($"max {max}: a poll makes 1 to {MaxAttempts} attempts");
            }
        }
        catch (ScenarioRunException e)
        {
            outer.AddForRules("run", "the step runs", e.Message, false);
            results.Add(outer);
            return;
        }

        int saved = run.Names.Iteration;
        var attempt = new List<StepResult>();
        int k = 0;
        for (; k < (int)max; k++)
        {
            if (k > 0 && interval > TimeSpan.Zero)
            {
                await run.Current.Target.AdvanceAsync(interval, ct).ConfigureAwait(false);
                run.Time.Advance(interval);
            }

            attempt.Clear();
            run.Names.Iteration = k;
            foreach (Step inner in step.Body)
            {
                await run.RunStepAsync(inner, $"{id}.{inner.Index}[{k}]", attempt, ct).ConfigureAwait(false);
            }

            if (attempt.All(a => a.Outcome != Outcome.Fail))
            {
                break;
            }
        }

        run.Names.Iteration = saved;
        bool held = k < (int)max;
        outer.AddForRules("poll", $"every check holds within {max} attempt(s)",
            held ? $"held at attempt {k + 1}" : $"not within {max} attempt(s); the last attempt's failures follow", held);
        results.Add(outer);
        results.AddRange(attempt);
    }

    internal override Task<int> ExecuteAsync(Step step, ScenarioRun run, StepResult r, CancellationToken ct) =>
        throw new InvalidOperationException("a poll runs its body (RunAsync), not one operation");
}
