using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Protocol.Messages;

namespace Gateway.Host.Conformance.Steps;

/// <summary>
/// <c>declare</c>: declares a pid to the board mid-scenario (behaviour.md §0) and checks the board's answer; a pid
/// the board accepts becomes a process of the scenario.
/// </summary>
internal sealed class DeclareStep() : StepKind("declare", new StepSchema(
    new[]
    {
        ("pid", FieldKind.Expr), ("uid", FieldKind.Expr), ("gid", FieldKind.Expr), ("euid", FieldKind.Expr), ("egid", FieldKind.Expr),
        ("groups", FieldKind.Groups), ("bits", FieldKind.Expr),
    },
    new[] { "pid", "uid" },
    new[] { ("errno", FieldKind.Expr) }))
{
    internal override async Task<int> ExecuteAsync(Step step, ScenarioRun run, StepResult r, CancellationToken ct)
    {
        int pid = (int)run.Eval(step, "pid");
        int uid = (int)run.Eval(step, "uid");
        int gid = (int)run.Eval(step, "gid", (ulong)uid);
        var groups = Enumerable.Range(0, (int)run.Eval(step, "ngroups", 0)).Select(i => (int)run.Eval(step, "g" + i)).ToList();
        var decl = new ProcessDecl(pid, uid, gid, (int)run.Eval(step, "euid", (ulong)uid), (int)run.Eval(step, "egid", (ulong)gid), groups, run.Eval(step, "bits", 64) == 64);
        CredInfo cred = ScenarioRun.Cred(decl);
        int e = await run.Current.Recorder.DeclareDirectAsync(pid, cred, decl.Is64Bit, ct).ConfigureAwait(false);
        run.Checks.Errno(step, r, e);
        if (e == 0 && run.Current.Mm.Process(pid) == null)
        {
            await run.SpawnAsync(decl).ConfigureAwait(false);
        }

        return e;
    }
}
