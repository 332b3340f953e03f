using System;
using System.Collections.Generic;
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
    new[] { ("how", FieldKind.Text), ("host", FieldKind.Text) },
    StepSchema.None,
    new[] { ("ended", FieldKind.Text) }))
{
    internal override void Check(Step step, ScenarioObject o)
    {
        string how = step.Texts.GetValueOrDefault("how") ?? "close";
        if (how is not ("close" or "replace" or "silence" or "drop"))
        {
            throw o.Fail("how", $"'{how}': a session ends by \"close\" (the host's CLOSE), \"replace\" (a new session with the same host id), \"silence\" (the host stops sending until the board times the session out) or \"drop\" (the transport dropped)");
        }

        if (how != "close" && how != "replace" && o.Context.Format < 2)
        {
            throw o.Fail("how", $"\"{how}\" needs \"format\": 2");
        }

        string? host = step.Texts.GetValueOrDefault("host");
        if (host != null && (o.Context.Format < 2 || host is not ("same" or "other")))
        {
            throw o.Fail("host", $"'{host}': the next session's host id is \"same\" or \"other\" (format 2)");
        }

        if (host == "other" && how == "replace")
        {
            throw o.Fail("host", "a replacing session presents the same host id: \"other\" does not go with \"replace\"");
        }
    }

    public override SessionCapability? Needs(Step step) => step.Texts.GetValueOrDefault("how") switch
    {
        "replace" => SessionCapability.Replace,
        "silence" => SessionCapability.Silence,
        "drop" => SessionCapability.Drop,
        _ => null,
    };

    internal override async Task<int> ExecuteAsync(Step step, ScenarioRun run, StepResult r, CancellationToken ct)
    {
        SessionEnd how = step.Texts.GetValueOrDefault("how") switch
        {
            "replace" => SessionEnd.Replace,
            "silence" => SessionEnd.Silence,
            "drop" => SessionEnd.Drop,
            _ => SessionEnd.Close,
        };
        string want = step.Expect.TextOf("ended") ?? how switch
        {
            SessionEnd.Replace => "replaced",
            SessionEnd.Silence => "timed out",
            SessionEnd.Drop => "dropped",
            _ => "closed",
        };
        bool otherHost = step.Texts.GetValueOrDefault("host") == "other";
        string oldEnd = await run.ContinueInNewSessionAsync(how, otherHost, ended =>
        {
            bool asExpected = ended == want || ended.StartsWith(want + " (", StringComparison.Ordinal);
            r.AddForRules("old-session-ended", want, ended, asExpected);
        }, ct).ConfigureAwait(false);
        r.Note = $"continued in a new session ({run.Session.Description}); the old one ended: {oldEnd}";
        return 0;
    }
}
