using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Link;
using Gateway.Host.Memory;
using Gateway.Host.Targets;

namespace Gateway.Host.Conformance.Runner;

/// <summary>
/// Runs scenarios against a target: each in a fresh session (a new <see cref="MemoryManager"/> over a
/// <see cref="ScenarioChannel"/> on a fresh connection), step by step, with every reply also judged by
/// rules.md §4 (<see cref="ReplyJudge"/>). A board reset during a scenario is reported on it and the scenario
/// is run once more in a new session. A target that cannot be reached throws <see cref="TargetUnreachableException"/>.
/// </summary>
public sealed class ScenarioRunner
{
    private readonly ITarget target;
    private readonly RunnerOptions options;

    /// <summary>st_ino by path across every session of this runner: stable across sessions (and boots).</summary>
    private readonly Dictionary<string, ulong> inodes = new(StringComparer.Ordinal);

    public ScenarioRunner(ITarget target, RunnerOptions? options = null)
    {
        this.target = target;
        this.options = options ?? new RunnerOptions();
    }

    public ITarget Target => target;

    /// <summary>Runs <paramref name="scenarios"/> in order; <paramref name="progress"/> hears of each result as it comes.</summary>
    public async Task<SuiteResult> RunAllAsync(IEnumerable<Scenario> scenarios, IProgress<ScenarioResult>? progress = null, CancellationToken cancellationToken = default)
    {
        var suite = new SuiteResult { Target = target.Uri };
        foreach (Scenario s in scenarios)
        {
            ScenarioResult r = await RunAsync(s, cancellationToken).ConfigureAwait(false);
            suite.Scenarios.Add(r);
            progress?.Report(r);
        }

        return suite;
    }

    public async Task<ScenarioResult> RunAsync(Scenario scenario, CancellationToken cancellationToken = default)
    {
        if (scenario.Skip != null)
        {
            return Skipped(scenario, scenario.Skip);
        }

        string? cannot = target.CannotProvide(scenario.Target) ?? (scenario.Target.Time == ScenarioTime.Simulated && !target.HasSimulatedClock
            ? $"needs a board clock that moves only with advance (target.time \"simulated\"); only emu: has one, {target.Uri} runs on real time"
            : null) ?? FirstLacking(scenario.Steps);
        if (cannot != null)
        {
            return Skipped(scenario, cannot);
        }

        ScenarioResult first = NewResult(scenario);
        BoardResetException? reset = await RunOnceAsync(scenario, first, cancellationToken).ConfigureAwait(false);
        if (reset == null && first.LinkLostOnBoot is string lostOn)
        {
            // The link dropped mid-scenario: retry in a new session; a new boot id there means the board restarted.
            ScenarioResult afterLoss = NewResult(scenario);
            BoardResetException? r2 = await RunOnceAsync(scenario, afterLoss, cancellationToken).ConfigureAwait(false);
            if (afterLoss.BootId != lostOn)
            {
                afterLoss.Interrupted = $"the board restarted during the session (boot id {lostOn} → {afterLoss.BootId}): {first.Error}; retried in a new session";
            }
            else
            {
                afterLoss.Interrupted = $"the link was lost with no board restart: {first.Error}; retried in a new session";
                afterLoss.Error ??= first.Error;
            }

            if (r2 != null || afterLoss.LinkLostOnBoot != null)
            {
                afterLoss.ResetAgain = true;
            }

            return afterLoss;
        }

        if (reset == null)
        {
            return first;
        }

        StepResult? at = first.Steps.LastOrDefault();
        string interrupted = $"{reset.Message}{(at != null ? $", at step {at.Id} ({at.Name})" : " before the first step")}";
        if (!options.RetryAfterReset)
        {
            first.Interrupted = interrupted;
            first.ResetAgain = true;
            return first;
        }

        ScenarioResult retry = NewResult(scenario);
        retry.Interrupted = interrupted + "; retried in a new session";
        BoardResetException? again = await RunOnceAsync(scenario, retry, cancellationToken).ConfigureAwait(false);
        if (again != null)
        {
            retry.ResetAgain = true;
            retry.Error = $"the board reset again during the retry: {again.Message}";
        }

        return retry;
    }

    private static ScenarioResult NewResult(Scenario s) => new()
    {
        Name = s.Name,
        File = s.File,
        Title = s.Title,
        Area = s.Area,
        Rules = s.AllRules.ToList(),
    };

    private static ScenarioResult Skipped(Scenario s, string reason)
    {
        ScenarioResult r = NewResult(s);
        r.SkipReason = reason;
        return r;
    }

    /// <summary>One attempt in a fresh session; returns the reset that interrupted it, if one did.</summary>
    private async Task<BoardResetException?> RunOnceAsync(Scenario scenario, ScenarioResult result, CancellationToken ct)
    {
        ITargetSession session = await target.OpenSessionAsync(scenario.Target, ct).ConfigureAwait(false);
        ScenarioRun? run = null;
        try
        {
            result.Target = session.Description;
            result.BootId = session.BootId;
            try
            {
                var time = new ManualTimeProvider();
                SessionState state = await SessionState.StartAsync(session, time, options.Linger).ConfigureAwait(false);
                BoardFacts facts;
                try
                {
                    facts = await state.Reader.FactsAsync(ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is System.IO.IOException or FormatException)
                {
                    result.Error = $"cannot read the board's /fw/info and /fw/map: {e.Message}";
                    return null;
                }

                string? missing = Missing(scenario.Target, facts);
                if (missing != null)
                {
                    result.SkipReason = missing;
                    return null;
                }

                if (scenario.Undeclared)
                {
                    // The harness read the board's facts as pid 1; the scenario starts in a session where nothing is declared.
                    SessionHandover handover = await state.HandOverAsync(SessionEnd.Close, false, next => session = next, ct).ConfigureAwait(false);
                    state = await SessionState.StartAsync(handover.Next, time, options.Linger, declareMm: false).ConfigureAwait(false);
                }

                run = new ScenarioRun(scenario, state, time, facts, inodes, options);
                foreach (ProcessDecl p in scenario.Undeclared ? Array.Empty<ProcessDecl>() : scenario.Processes)
                {
                    try
                    {
                        await run.SpawnAsync(p).ConfigureAwait(false);
                    }
                    catch (InvalidOperationException e)
                    {
                        result.Error = $"declaring pid {p.Pid}: {e.Message}";
                        return null;
                    }
                }

                foreach (Step step in scenario.Steps)
                {
                    await run.RunStepAsync(step, step.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Steps, ct).ConfigureAwait(false);
                    if (run.Session.ResetDetected)
                    {
                        return new BoardResetException(session.BootId, "(new)");
                    }
                }

                return null;
            }
            catch (ScenarioSkippedException e)
            {
                result.SkipReason = e.Message;
                return null;
            }
            catch (BoardResetException e)
            {
                return e;
            }
            catch (LinkException e)
            {
                StepResult? at = result.Steps.LastOrDefault();
                result.Error = $"link lost{(at != null ? $" at step {at.Id} ({at.Name})" : " before the first step")}: {e.Message}";
                result.LinkLostOnBoot = session.BootId;
                return null;
            }
        }
        finally
        {
            await (run?.Session ?? session).DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The reason of the first step (in the order they would run, nested ones included) that needs what the target
    /// lacks (<see cref="ITarget.Lacks"/>), or null: decided before the first step, so a scenario the target cannot
    /// finish never runs its earlier steps on the board. Steps marked <c>skip</c> never run and need nothing.
    /// </summary>
    private string? FirstLacking(IReadOnlyList<Step> steps)
    {
        foreach (Step step in steps)
        {
            if (step.Skip != null)
            {
                continue;
            }

            if (step.Kind.Needs(step) is SessionCapability need && target.Lacks(need) is string why)
            {
                return why;
            }

            if (FirstLacking(step.Body) is string inner)
            {
                return inner;
            }
        }

        return null;
    }

    /// <summary>What the board lacks for the scenario (width, quirks, declared hardware), or null.</summary>
    private static string? Missing(TargetRequirements req, BoardFacts facts)
    {
        if (req.Bits is int bits && bits != facts.Bits)
        {
            return $"needs a {bits}-bit board; this one is {facts.Bits}-bit";
        }

        if (req.Quirks && facts.Resource("/quirks/legacy") == null)
        {
            return "needs the emulated board's quirk resources (emu:, link+emu: and pty: start a board with them; gateway emulate --quirks serves one)";
        }

        foreach (string r in req.Requires)
        {
            if (facts.Missing(r) is string why)
            {
                return why;
            }
        }

        return null;
    }
}
