using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;

namespace Gateway.Host.Conformance.Steps;

/// <summary>
/// <c>status</c>: the harness reads <c>/fw/status</c> (never traced) and checks its files (keyed by path), its JSON,
/// its event counters and the OCBs in use; <c>as</c> names the snapshot so a later status can say nothing changed.
/// </summary>
internal sealed class StatusStep() : StepKind("status", new StepSchema(
    new[] { ("as", FieldKind.Name) },
    StepSchema.None,
    new[] { ("files", FieldKind.Pattern), ("json", FieldKind.Pattern), ("events", FieldKind.Pattern), ("ocbs_in_use", FieldKind.Expr), ("unchanged_since", FieldKind.Name) }))
{
    internal override async Task<int> ExecuteAsync(Step step, ScenarioRun run, StepResult r, CancellationToken ct)
    {
        Expectation x = step.Expect;
        StatusSnapshot snap = await run.Current.Reader.StatusAsync(ct).ConfigureAwait(false);
        if (step.As != null)
        {
            run.Snapshots[step.As] = snap;
        }

        var files = new JsonObject();
        foreach (JsonNode? f in snap.Json["files"]?.AsArray() ?? new JsonArray())
        {
            if ((string?)f?["path"] is string path)
            {
                files[path] = f!.DeepClone();
            }
        }

        StepChecks.Observe(r, "files", files);
        StepChecks.Observe(r, "json", snap.Json);
        StepChecks.Observe(r, "events", snap.Json["events"]);
        if (x.PatternOf("files") is Pattern fp)
        {
            run.Checks.Pattern(r, "files", fp, files);
        }

        if (x.PatternOf("json") is Pattern jp)
        {
            run.Checks.Pattern(r, "json", jp, snap.Json);
        }

        if (x.PatternOf("events") is Pattern ep)
        {
            run.Checks.Pattern(r, "events", ep, snap.Json["events"]);
        }

        // The harness's own /fw/status OCB is open while the snapshot is taken: left out.
        long inUse = ((long?)snap.Json["ocbs"]?["in_use"] ?? 0) - 1;
        StepChecks.Observe(r, "ocbs_in_use", (ulong)inUse);
        if (x.Value("ocbs_in_use") is Expr oe)
        {
            var (holds, expected) = Comparison.Judge(oe, (ulong)inUse, run.Names);
            r.AddForRules("ocbs_in_use", expected, inUse.ToString(CultureInfo.InvariantCulture), holds);
        }

        if (x.TextOf("unchanged_since") is string since)
        {
            if (!run.Snapshots.TryGetValue(since, out StatusSnapshot? old))
            {
                throw new ScenarioRunException($"no earlier status step named '{since}'");
            }

            IReadOnlyList<string> changes = snap.ChangesSince(old);
            r.AddForRules("unchanged_since", $"the counts of status '{since}'", changes.Count == 0 ? "unchanged" : string.Join("; ", changes), changes.Count == 0);
        }

        return 0;
    }
}
