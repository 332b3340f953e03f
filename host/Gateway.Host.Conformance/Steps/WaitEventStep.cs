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
/// — and counts those the board raised but the link lost as received (behaviour.md §4).
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
        ulong want = step.Expect.Value("count") is Expr ce ? ce.Evaluate(run.Names) : 1;
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

        r.AddForRules("events", $"{want} event(s) {what}", observed, (ulong)(got.Count + lost) == want);
        return 0;
    }
}
