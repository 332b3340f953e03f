using System.Collections.Generic;
using Gateway.Host.Bench;
using Gateway.Protocol.Link;
using Gateway.Transports.Desktop.Paced;

namespace Gateway.Host.Tests.Bench;

/// <summary>The budgets of performance.md are judged on the right figures.</summary>
public sealed class BenchSuiteTests
{
    private static PageInResult Run(int baud, int body, int window, long down, double seconds) =>
        new(new PageInSettings(baud, LineClockMode.Virtual, body, window), body, window, 1 << 20, 3000, down, 66, 64, 4, 0, seconds);

    [Fact]
    public void Judge_EfficiencyAtTheLargestFrameOnly_ThroughputAt921600Only()
    {
        var efficiency = new[] { Run(3_000_000, LinkLimits.MinBody, 8, 1_100_000, 1), Run(3_000_000, LinkLimits.DesktopBody, 8, 1_054_000, 1) };
        var throughput = new[] { Run(115_200, LinkLimits.DesktopBody, 1, 1_054_000, 200), Run(921_600, LinkLimits.DesktopBody, 8, 1_054_000, 12) };
        var roundTrips = new List<RoundTripResult>
        {
            new("mmap, extended reply (/data/app)", 1, new[] { "_IO_MMAP" }, 1, 184),
            new("page-in of one frame (/data/app, 2 pages)", 1, new[] { "_IO_LSEEK+_IO_READ" }, 1, null),
            new("mmap, plain reply (/data/notes.txt)", 2, new[] { "_IO_MMAP", "_IO_STAT" }, 2, 24),
        };

        var checks = BenchSuite.Judge(efficiency, roundTrips, throughput);

        // 1,057,000 / 1 MiB = 1.008 (the 4352-byte run's 1.052 is not judged); 1 MiB in 12 s = 94.8 % of 92,160 B/s.
        Assert.Equal(4, checks.Count);
        Assert.All(checks, c => Assert.True(c.Met, c.ToString()));
        Assert.Contains("16640", checks[0].Name);
        Assert.Contains("window 8", checks[3].Name);
    }

    [Fact]
    public void Judge_SlowLine_BudgetMissed()
    {
        var checks = BenchSuite.Judge(new List<PageInResult>(), new List<RoundTripResult>(), new[] { Run(921_600, LinkLimits.DesktopBody, 1, 1_054_000, 20) });

        Assert.False(Assert.Single(checks).Met);
    }
}
