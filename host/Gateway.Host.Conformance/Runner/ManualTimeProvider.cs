using System;

namespace Gateway.Host.Conformance.Runner;

/// <summary>A clock the runner moves by hand (the <c>advance</c> step), so lingers never depend on real time.</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private DateTimeOffset now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
