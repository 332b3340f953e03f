using System;
using System.Collections.Generic;

namespace Gateway.Host.Targets;

/// <summary>What a session must offer: a board width, the quirk resources, declared hardware (a scenario's <c>target</c>).</summary>
public sealed record TargetRequirements
{
    /// <summary>Nothing in particular: the board the URI names, as it comes (the board commands).</summary>
    public static TargetRequirements None { get; } = new();

    /// <summary>32 or 64, or null for either.</summary>
    public int? Bits { get; init; }

    /// <summary>True when the scenario needs the emulated board's /quirks resources.</summary>
    public bool Quirks { get; init; }

    /// <summary>
    /// Declarations /fw/map must make: <c>wiring</c> (a loopback wire), <c>window</c> (a /dev/mem window),
    /// <c>spi:DEVICE</c> (a device on spi0, e.g. <c>spi:25LC256</c>), <c>path:PATH</c> (a resource).
    /// </summary>
    public IReadOnlyList<string> Requires { get; init; } = Array.Empty<string>();
}
