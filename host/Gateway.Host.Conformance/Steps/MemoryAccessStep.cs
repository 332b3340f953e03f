using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Memory;

namespace Gateway.Host.Conformance.Steps;

/// <summary>
/// What <c>load</c> and <c>store</c> share: a CPU access through a client's mapping (faults page in over the link),
/// and the signal it raised (<c>none</c>, <c>SIGSEGV</c>, <c>SIGBUS</c> with the errno the board gave).
/// </summary>
internal abstract class MemoryAccessStep(string name, StepSchema schema) : StepKind(name, schema)
{
    /// <summary>Performs the access at <paramref name="addr"/>.</summary>
    protected abstract Task<MemoryAccess> AccessAsync(ClientProcess p, ulong addr, Step step, ScenarioRun run);

    /// <summary>What a successful access checks beyond its signal.</summary>
    protected virtual void Succeeded(Step step, ScenarioRun run, StepResult r, MemoryAccess a)
    {
    }

    internal override async Task<int> ExecuteAsync(Step step, ScenarioRun run, StepResult r, CancellationToken ct)
    {
        ClientProcess p = run.Process(step);
        MemoryAccess a = await AccessAsync(p, run.Eval(step, "addr"), step, run).ConfigureAwait(false);
        Expectation x = step.Expect;
        string wantSignal = x.TextOf("signal") ?? "none";
        string gotSignal = a.Signal switch { Signal.None => "none", Signal.Segv => "SIGSEGV", _ => "SIGBUS" };
        r.AddForRules("signal", wantSignal, a.Signal == Signal.Bus ? $"SIGBUS ({StepChecks.ErrnoText(a.Errno)})" : gotSignal, wantSignal == gotSignal);
        if (x.Errno is Expr ex)
        {
            ulong want = ex.Evaluate(run.Names);
            r.AddForRules("errno", StepChecks.ErrnoText((int)want), StepChecks.ErrnoText(a.Errno), (ulong)a.Errno == want);
        }

        if (a.Ok)
        {
            Succeeded(step, run, r, a);
        }

        return a.Signal == Signal.None ? 0 : a.Errno == 0 ? -1 : a.Errno;
    }
}
