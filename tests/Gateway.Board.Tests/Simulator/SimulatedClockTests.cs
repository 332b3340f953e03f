using System;
using Gateway.Board.Emulated.Simulator;
using Gateway.Protocol.Desktop.Platform;

namespace Gateway.Board.Tests.Simulator;

public sealed class SimulatedClockTests
{
    [Fact]
    public void Advance_Milliseconds_MovesMonotonicAndWallTogether()
    {
        var clock = new SimulatedClock(startMs: 100, wallStartSeconds: 1_000);

        clock.Advance(2_345);
        clock.UtcNow(out long seconds, out int ns);

        Assert.Equal(2_445, clock.MonotonicMs);
        Assert.Equal(1_002, seconds);
        Assert.Equal(445_000_000, ns);
    }

    [Fact]
    public void Advance_Negative_Throws()
    {
        var clock = new SimulatedClock();

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(-1));
        Assert.Equal(0, clock.MonotonicMs);
    }

    [Fact]
    public void NewClock_Default_StartsAtZeroOn2025()
    {
        var clock = new SimulatedClock();

        clock.UtcNow(out long seconds, out int ns);

        Assert.Equal(SimulatedClock.DefaultWallStartSeconds, seconds);
        Assert.Equal(0, ns);
    }

    [Fact]
    public void SystemClock_Read_IsNotNegativeAndAfter2024()
    {
        var clock = new SystemClock();

        clock.UtcNow(out long seconds, out int ns);

        Assert.True(clock.MonotonicMs >= 0);
        Assert.True(seconds > 1_700_000_000);
        Assert.InRange(ns, 0, 999_999_999);
    }
}
