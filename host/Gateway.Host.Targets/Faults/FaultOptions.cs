using System;
using System.Globalization;

namespace Gateway.Host.Targets.Faults;

/// <summary>
/// Per-frame fault rates of a <see cref="FrameFaultInjector"/> (each a probability 0 … 1, decided independently per
/// frame) and the seed of its random source. Seed 0 picks a fresh seed, which the injector exposes so a failing
/// run can be replayed.
/// </summary>
public sealed record FaultOptions
{
    /// <summary>The frame never arrives.</summary>
    public double Drop { get; init; }

    /// <summary>One bit of one byte of the frame is flipped.</summary>
    public double Corrupt { get; init; }

    /// <summary>The frame arrives twice.</summary>
    public double Duplicate { get; init; }

    /// <summary>The frame is held back and arrives after the next one (or after <see cref="MaxDelayMs"/> if none follows).</summary>
    public double Reorder { get; init; }

    /// <summary>The frame arrives 1 … <see cref="MaxDelayMs"/> ms late (later frames may overtake it).</summary>
    public double Delay { get; init; }

    public int MaxDelayMs { get; init; } = 20;

    public int Seed { get; init; }

    /// <summary>Every fault at the same rate.</summary>
    public static FaultOptions Uniform(double rate, int seed = 0) =>
        new() { Drop = rate, Corrupt = rate, Duplicate = rate, Reorder = rate, Delay = rate, Seed = seed };

    /// <summary>No faults.</summary>
    public static FaultOptions None { get; } = new();

    public void Validate()
    {
        foreach (double p in new[] { Drop, Corrupt, Duplicate, Reorder, Delay })
        {
            if (p is < 0 or > 1 || double.IsNaN(p))
            {
                throw new ArgumentOutOfRangeException(nameof(FaultOptions), "fault rates are probabilities from 0 to 1");
            }
        }

        if (MaxDelayMs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDelayMs), "MaxDelayMs must be at least 1");
        }
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"seed={Seed} drop={Drop} corrupt={Corrupt} duplicate={Duplicate} reorder={Reorder} delay={Delay} max-delay={MaxDelayMs}ms");
}
