using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using System.Threading;
using System;
using Gateway.Host.Board;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Targets;

namespace Gateway.Host.Conformance.Steps;

/// <summary>
/// <c>wait_event</c>: waits for event frames of a source (and code, value) — <c>expect.count</c> of them, 1 by default
/// — and counts those the board raised but the link lost as received (rules.md §4).
/// </summary>
internal sealed class WaitEventStep() : StepKind("wait_event", new StepSchema(
    new[] { ("source", FieldKind.Expr), ("code", FieldKind.Expr), ("value", FieldKind.Expr), ("timeout_ms", FieldKind.Expr) },
    new[] { "source" },
    new[] { ("count", FieldKind.Expr) }))
{
    internal override async Task<int> ExecuteAsync(Step step, ScenarioRun run, StepResult r, CancellationToken ct)
    {
        int source = (int)run.Eval(step, "source");
        int? code = step.Arg("code") != null ? (int)run.Eval(step, "code") : null;
        int? value = step.Arg("value") != null ? (int)run.Eval(step, "value") : null;
        var timeout = TimeSpan.FromMilliseconds(run.Eval(step, "timeout_ms", (ulong)run.Options.EventTimeout.TotalMilliseconds));
        Expr? expected = step.Expect.Value("count");
        ulong want = expected switch
        {
            null => 1,
            Comparison c => Smallest(c, run),
            Expr e => e.Evaluate(run.Names),
        };
        bool Matches(BoardEvent e) => e.Source == source && (code == null || e.Code == code) && (value == null || e.Value == value);

        SessionState session = run.Current;
        List<BoardEvent> got = await session.Events.WaitAsync(session.Target, Matches, want, timeout, ct).ConfigureAwait(false);
        string what = $"source {source}{(code != null ? $" code {code}" : "")}{(value != null ? $" value 0x{value:x}" : "")}";
        string observed = $"{got.Count}{(got.Count > 0 ? ": " + string.Join(", ", got.Select(e => $"code {e.Code} value 0x{e.Value:x} #{e.Counter}")) : "")}";
        long lost = (ulong)got.Count < want ? await session.Events.LostOnTheLinkAsync(session.Reader, source, (long)want, ct).ConfigureAwait(false) : 0;
        if (lost > 0)
        {
            observed += $"; {lost} lost on the link (the board's counter for source {source} shows event(s) this session never received)";
        }

        ulong seen = (ulong)(got.Count + lost);
        StepChecks.Observe(r, "count", seen);
        var (holds, shown) = expected == null ? (seen == 1, "1") : Comparison.Judge(expected, seen, run.Names);
        r.AddForRules("events", $"{shown} event(s) {what}", observed, holds);
        return 0;
    }

    /// <summary>
    /// The count a comparison waits for: the smallest that satisfies it (at least N: N; any of: the least listed that
    /// holds), at most <see cref="MaxWait"/>. Upper bounds are judged on what has arrived by then.
    /// </summary>
    private static ulong Smallest(Comparison c, ScenarioRun run)
    {
        for (ulong n = 0; n <= MaxWait; n++)
        {
            if (c.Holds(n, run.Names))
            {
                return n;
            }
        }

        throw new ScenarioRunException($"count {c.Text}: no count up to {MaxWait} satisfies it");
    }

    /// <summary>The most events a comparison makes the step wait for.</summary>
    private const ulong MaxWait = 1024;
}
