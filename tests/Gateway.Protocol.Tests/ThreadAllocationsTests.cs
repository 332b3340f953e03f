using System;

namespace Gateway.Protocol.Tests;

/// <summary>The zero-allocation tests' measure (tests/Gateway.TestSupport): noise in one round is forgiven, an allocation per call is not.</summary>
public sealed class ThreadAllocationsTests
{
    [Fact]
    public void Least_AllocationEveryRound_ReportsTheRoundsBytes()
    {
        int rounds = 0;
        long least = ThreadAllocations.Least(() =>
        {
            rounds++;
            GC.KeepAlive(new byte[100]);
        });

        Assert.Equal(ThreadAllocations.Rounds, rounds);
        Assert.True(least >= 100, $"{least} bytes");
    }

    [Fact]
    public void Least_NoiseInTheFirstRoundOnly_ReportsZeroAfterTheSecond()
    {
        int rounds = 0;
        long least = ThreadAllocations.Least(() =>
        {
            rounds++;
            return rounds == 1 ? 208 : 0;
        });

        Assert.Equal(0, least);
        Assert.Equal(2, rounds);
    }

    [Fact]
    public void Least_NoRounds_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ThreadAllocations.Least(() => 0L, 0));
    }
}
