using System;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Targets;

namespace Gateway.Host.Conformance.Steps;

/// <summary>
/// <c>reboot</c> (format 2): the board restarts as a power cycle would — no CLOSE, a new boot id, every table and /data
/// as at boot (board-resources.md) — and the scenario continues in a session on the new boot with its processes
/// declared again. Names bound earlier keep their values, so what must survive a boot (st_ino, names) can be compared
/// across it. Only the emulated boards the harness runs can be restarted (<c>emu:</c>, <c>link+emu:</c>, and
/// <c>pty:</c>, whose child process is killed and started again); elsewhere the scenario is skipped saying so, before
/// its first step.
/// </summary>
internal sealed class RebootStep() : StepKind("reboot", new StepSchema(
    Array.Empty<(string, FieldKind)>(),
    StepSchema.None,
    Array.Empty<(string, FieldKind)>()))
{
    public override System.Collections.Generic.IReadOnlyCollection<string> Observes => new[] { "boot_id" };

    public override SessionCapability? Needs(Step step) => SessionCapability.Reboot;

    internal override void Check(Step step, ScenarioObject o)
    {
        if (o.Context.Format < 2)
        {
            throw o.Fail("do", "a reboot step needs \"format\": 2");
        }
    }

    internal override async Task<int> ExecuteAsync(Step step, ScenarioRun run, StepResult r, CancellationToken ct)
    {
        var (old, now) = await run.RebootAsync(ct).ConfigureAwait(false);
        r.AddForRules("boot-id", $"a new boot id (not {old})", now, now != old);
        StepChecks.Observe(r, "boot_id", System.Text.Json.Nodes.JsonValue.Create(now));
        r.Note = $"the board restarted: boot id {old} → {now}";
        return 0;
    }
}
