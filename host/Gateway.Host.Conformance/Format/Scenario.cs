using System.Collections.Generic;
using System.Linq;
using System;
using Gateway.Host.Conformance.Steps;
using Gateway.Host.Targets;

namespace Gateway.Host.Conformance.Format;

/// <summary>One scenario file (hardware-docs/scenarios.md): processes, the target it needs, and steps with their expected outcomes.</summary>
public sealed class Scenario
{
    public const int CurrentFormat = 2;

    public required string File { get; init; }

    public required string Name { get; init; }

    public string? Title { get; init; }

    /// <summary>The area of the built-in suite (e.g. <c>RM-13</c>, <c>quirks</c>) or null.</summary>
    public string? Area { get; init; }

    /// <summary>Rule ids cited by every step that cites none itself.</summary>
    public IReadOnlyList<string> Rules { get; init; } = Array.Empty<string>();

    public TargetRequirements Target { get; init; } = new();

    public IReadOnlyList<ProcessDecl> Processes { get; init; } = Array.Empty<ProcessDecl>();

    public required IReadOnlyList<Step> Steps { get; init; }

    /// <summary>
    /// Format 2: nothing is declared when a session starts — neither the memory manager (pid 1) nor the processes;
    /// <c>declare</c> steps declare them (a pid of <see cref="Processes"/> with its credentials from there).
    /// </summary>
    public bool Undeclared { get; init; }

    /// <summary>When set, the scenario is not run and reports this reason (e.g. a known bug naming its rule).</summary>
    public string? Skip { get; init; }

    /// <summary>Every rule id cited anywhere in the scenario.</summary>
    public IEnumerable<string> AllRules => Rules.Concat(Steps.SelectMany(s => s.AllRules)).Distinct(StringComparer.Ordinal);

    public override string ToString() => Name;
}
