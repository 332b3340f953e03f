using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Targets;

namespace Gateway.Host.Conformance.Steps;

/// <summary>
/// One kind of step (a value of <c>do</c>, hardware-docs/scenarios.md): the keys it takes, the rules between them that
/// a schema cannot say, and how it runs and checks what it must produce. <see cref="StepKinds"/> lists them all.
/// </summary>
public abstract class StepKind
{
    protected StepKind(string name, StepSchema schema)
    {
        Name = name;
        Schema = schema;
    }

    /// <summary>The value of <c>do</c>.</summary>
    public string Name { get; }

    public StepSchema Schema { get; }

    /// <summary>
    /// True for the operations whose refusal the runner also checks changed no count (rules.md §4): it takes a
    /// <c>/fw/status</c> snapshot before such a step when the step expects an errno.
    /// </summary>
    public virtual bool Refusable => false;

    /// <summary>
    /// What the step observes, by the keys a <c>capture</c> path begins with (format 2): <c>errno</c>, and the
    /// expectations it takes that compare an observed value (integers, JSON, bytes, text). A kind observing
    /// something its expectations do not name overrides this.
    /// </summary>
    public virtual IReadOnlyCollection<string> Observes
    {
        get
        {
            var keys = new List<string>();
            foreach (var (key, kind) in Schema.Expect)
            {
                if (key != "mask" && kind is FieldKind.Expr or FieldKind.Pattern or FieldKind.Bytes)
                {
                    keys.Add(key);
                }
            }

            if (keys.Count > 0 && !keys.Contains("errno"))
            {
                keys.Add("errno");
            }

            return keys;
        }
    }

    /// <summary>
    /// What the step asks of the target beyond requests and the host's CLOSE (a second session, silence, a dropped
    /// transport, an unauthenticated stream, a reboot), or null. The runner checks it for every step of a scenario
    /// before the first runs, so a scenario the target cannot finish is skipped without touching the board.
    /// </summary>
    public virtual SessionCapability? Needs(Step step) => null;

    /// <summary>True when a missing <c>pid</c> means the scenario's first declared process.</summary>
    public bool DefaultsPid => Schema.TakesArg("pid");

    /// <summary>Checks between arguments once they are read (before <c>expect</c>); throws through <paramref name="o"/>.</summary>
    internal virtual void Check(Step step, ScenarioObject o)
    {
    }

    /// <summary>
    /// Runs the step and appends its results. Most kinds are one step with one result (<see cref="ExecuteAsync"/> under
    /// the runner's common checks); a kind that runs other steps (repeat) overrides this.
    /// </summary>
    internal virtual Task RunAsync(Step step, string id, ScenarioRun run, List<StepResult> results, CancellationToken ct) =>
        run.RunOneAsync(step, id, results, ct);

    /// <summary>Performs the operation and its checks; returns the errno it observed (0 on success) for the refusal check.</summary>
    internal abstract Task<int> ExecuteAsync(Step step, ScenarioRun run, StepResult r, CancellationToken ct);

    public override string ToString() => Name;
}
