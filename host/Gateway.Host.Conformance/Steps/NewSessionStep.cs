using System;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Targets;

namespace Gateway.Host.Conformance.Steps;

/// <summary>
/// <c>new_session</c> (RM-5): ends the session — the host's CLOSE (<c>"how": "close"</c>) or a new session presenting
/// the same host id (<c>"replace"</c>) — checks how the board says it ended, and continues in a new one.
/// </summary>
internal sealed class NewSessionStep() : StepKind("new_session", new StepSchema(
    new[] { ("how", FieldKind.Text) },
    StepSchema.None,
    new[] { ("ended", FieldKind.Text) }))
{
    internal override void Check(Step step, ScenarioObject o)
    {
        if (step.Text is not (null or "close" or "replace"))
        {
            throw o.Fail("how", $"'{step.Text}': a session ends by \"close\" (the host's CLOSE) or \"replace\" (a new session with the same host id)");
        }
    }

    internal override async Task<int> ExecuteAsync(Step step, ScenarioRun run, StepResult r, CancellationToken ct)
    {
        SessionEnd how = step.Text == "replace" ? SessionEnd.Replace : SessionEnd.Close;
        string want = step.Expect.TextOf("ended") ?? (how == SessionEnd.Replace ? "replaced" : "closed");
        string oldEnd = await run.ContinueInNewSessionAsync(how, ended =>
        {
            bool asExpected = ended == want || ended.StartsWith(want + " (", StringComparison.Ordinal);
            r.AddForRules("old-session-ended", want, ended, asExpected);
        }, ct).ConfigureAwait(false);
        r.Note = $"continued in a new session ({run.Session.Description}); the old one ended: {oldEnd}";
        return 0;
    }
}
