using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Protocol.Messages;

namespace Gateway.Host.Conformance.Steps;

/// <summary>
/// <c>declare</c>: declares a pid to the board mid-scenario (rules.md §0) and checks the board's answer; a pid
/// the board accepts becomes a process of the scenario.
/// </summary>
internal sealed class DeclareStep() : StepKind("declare", new StepSchema(
    new[]
    {
        ("pid", FieldKind.Expr), ("uid", FieldKind.Expr), ("gid", FieldKind.Expr), ("euid", FieldKind.Expr), ("egid", FieldKind.Expr),
        ("groups", FieldKind.Groups), ("bits", FieldKind.Expr),
    },
    new[] { "pid" },
    new[] { ("errno", FieldKind.Expr) }))
{
    internal override void Check(Step step, ScenarioObject o)
    {
        if (step.Arg("uid") == null && o.Context.Format < 2)
        {
            throw o.Fail("uid", "missing (a declare step needs pid, uid)");
        }
    }

    internal override async Task<int> ExecuteAsync(Step step, ScenarioRun run, StepResult r, CancellationToken ct)
    {
        int pid = (int)run.Eval(step, "pid");
        if (step.Arg("uid") == null)
        {
            // Format 2: the memory manager, or a process the scenario lists, with the credentials it has there.
            ProcessDecl? listed = run.Scenario.Processes.FirstOrDefault(p => p.Pid == pid);
            if (pid != 1 && listed == null)
            {
                throw new ScenarioRunException($"declare pid {pid}: no uid given, and pid {pid} is neither 1 nor a process the scenario lists");
            }

            CredInfo c = pid == 1 ? Memory.MemoryManager.RootCred() : ScenarioRun.Cred(listed!);
            int err = await run.Current.Recorder.DeclareDirectAsync(pid, c, listed?.Is64Bit ?? true, ct).ConfigureAwait(false);
            run.Checks.Errno(step, r, err);
            if (err == 0 && pid != 1 && run.Current.Mm.Process(pid) == null)
            {
                await run.SpawnAsync(listed!).ConfigureAwait(false);
            }

            return err;
        }

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
