using System;
using System.Collections.Generic;
using System.Linq;

namespace Gateway.Host.Conformance.Results;

/// <summary>The result of one scenario in one session (or two, when a board reset made the runner retry it).</summary>
public sealed class ScenarioResult
{
    public required string Name { get; init; }

    public required string File { get; init; }

    public string? Title { get; init; }

    public string? Area { get; init; }

    public IReadOnlyList<string> Rules { get; init; } = Array.Empty<string>();

    /// <summary>The boot id of the board in the scenario's session.</summary>
    public string? BootId { get; set; }

    /// <summary>Set (to the session's boot id) when the link was lost during the scenario.</summary>
    public string? LinkLostOnBoot { get; set; }

    /// <summary>The session the scenario ran on (e.g. "emulated board (64-bit)").</summary>
    public string? Target { get; set; }

    public List<StepResult> Steps { get; } = new();

    /// <summary>Why the scenario was skipped (needs a 32-bit board, a declared EEPROM, a known bug …).</summary>
    public string? SkipReason { get; set; }

    /// <summary>A failure of the scenario as a whole (the session could not start, a process could not be declared …).</summary>
    public string? Error { get; set; }

    /// <summary>Set when a board reset interrupted an earlier attempt; the steps are the retry's.</summary>
    public string? Interrupted { get; set; }

    /// <summary>True when the board reset again during the retry (the result is a failure).</summary>
    public bool ResetAgain { get; set; }

    public Outcome Outcome =>
        SkipReason != null ? Outcome.Skip
        : Error != null || ResetAgain || Steps.Any(s => s.Outcome == Outcome.Fail) ? Outcome.Fail
        : Outcome.Pass;

    public IEnumerable<CheckResult> Checks => Steps.SelectMany(s => s.Checks);

    public IEnumerable<CheckResult> Failures => Checks.Where(c => !c.Passed);
}
