using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Targets;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;

namespace Gateway.Host.Conformance.Steps;

/// <summary>
/// <c>before_auth</c> (format 2): a message sent as <c>raw</c> would send it, but on a new stream that never
/// authenticated (no HELLO, no AUTH). The board must refuse it "not authenticated" with EPERM (link.md, rules.md §0) and never
/// execute it: every file's counts in <c>/fw/status</c> (read through the scenario's session) are the same after it.
/// The scenario's own session is untouched. Needs a link with a stream per session (<c>link+emu:</c>, <c>tcp://</c>);
/// elsewhere the scenario is skipped saying so.
/// </summary>
internal sealed class BeforeAuthStep() : StepKind("before_auth", new StepSchema(
    new[] { ("pid", FieldKind.Expr), ("coid", FieldKind.Expr), ("hex", FieldKind.Bytes), ("wire", FieldKind.Wire) },
    StepSchema.None,
    Array.Empty<(string, FieldKind)>()))
{
    public override IReadOnlyCollection<string> Observes => new[] { "errno", "reason" };

    public override SessionCapability? Needs(Step step) => SessionCapability.BeforeAuth;

    internal override void Check(Step step, ScenarioObject o)
    {
        if (o.Context.Format < 2)
        {
            throw o.Fail("do", "a before_auth step needs \"format\": 2");
        }

        if ((step.Bytes == null) == (step.Wire == null))
        {
            throw o.Fail("hex", "a before_auth step gives exactly one of hex and wire");
        }
    }

    internal override async Task<int> ExecuteAsync(Step step, ScenarioRun run, StepResult r, CancellationToken ct)
    {
        int pid = (int)run.Eval(step, "pid", 1);
        int coid = (int)run.Eval(step, "coid", 3);
        byte[] message = RawStep.Message(step, run);
        StatusSnapshot before = await run.Current.Reader.StatusAsync(ct).ConfigureAwait(false);
        BoardReply? reply;
        try
        {
            reply = await run.Current.Target.SendUnauthenticatedAsync(pid, coid, message, ct).ConfigureAwait(false);
        }
        catch (NotSupportedException e)
        {
            throw new ScenarioSkippedException(e.Message);
        }

        const string Want = "refused: EPERM (1), not-authenticated";
        string observed = reply is not BoardReply b
            ? "no answer"
            : b.IsError ? $"refused: {StepChecks.ErrnoText(b.Value)}, {RefusalReasons.Name(b.Reason)}" : $"answered: status {b.Value}, {b.Body.Length} bytes";
        bool refused = reply is BoardReply x && x.IsError && x.Value == Errno.EPERM && x.Reason == RefusalReason.NotAuthenticated;
        r.AddForRules("not-authenticated", Want, observed, refused);
        if (reply is BoardReply got)
        {
            StepChecks.Observe(r, "errno", (ulong)(got.IsError ? got.Value : 0));
            StepChecks.Observe(r, "reason", System.Text.Json.Nodes.JsonValue.Create(RefusalReasons.Name(got.Reason)));
        }

        StatusSnapshot after = await run.Current.Reader.StatusAsync(ct).ConfigureAwait(false);
        IReadOnlyList<string> changes = after.ChangesSince(before);
        r.AddForRules("never-executed", "no file's counts change (/fw/status)", changes.Count == 0 ? "unchanged" : string.Join("; ", changes), changes.Count == 0);
        return refused ? Errno.EPERM : 0;
    }
}
