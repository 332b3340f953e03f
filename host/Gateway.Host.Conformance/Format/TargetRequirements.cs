using System;
using System.Collections.Generic;
using System.Linq;
using Gateway.Host.Conformance.Steps;

namespace Gateway.Host.Conformance.Format;

/// <summary>What a scenario needs of its target: the board width, the quirk resources, declared hardware.</summary>
public sealed record TargetRequirements
{
    /// <summary>32 or 64, or null for either.</summary>
    public int? Bits { get; init; }

    /// <summary>True when the scenario needs the emulated board's /quirks resources.</summary>
    public bool Quirks { get; init; }

    /// <summary>
    /// Declarations /fw/map must make: <c>wiring</c> (a loopback wire), <c>window</c> (a /dev/mem window),
    /// <c>spi:DEVICE</c> (a device on spi0, e.g. <c>spi:25LC256</c>), <c>path:PATH</c> (a resource).
    /// </summary>
    public IReadOnlyList<string> Requires { get; init; } = Array.Empty<string>();

    /// <summary>What the scenario's <c>advance</c> steps need of time (<c>target.time</c>).</summary>
    public ScenarioTime Time { get; init; }
}
