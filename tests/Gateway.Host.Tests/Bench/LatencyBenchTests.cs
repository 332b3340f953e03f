using System;
using System.Threading.Tasks;
using Gateway.Host.Bench;

namespace Gateway.Host.Tests.Bench;

/// <summary>The latency measurement runs over a real pseudo-terminal and TCP loopback (counts only; the figures are gateway bench's).</summary>
public sealed class LatencyBenchTests
{
    [Theory]
    [InlineData(LatencyTransport.Pty)]
    [InlineData(LatencyTransport.PtyPorts)]
    [InlineData(LatencyTransport.Tcp)]
    public async Task SmallRequests_OverARealTransport_AllAnswered(LatencyTransport transport)
    {
        if (transport is LatencyTransport.Pty or LatencyTransport.PtyPorts && !OperatingSystem.IsLinux())
        {
            return;
        }

        var r = await LatencyBench.RunAsync(transport, 50);

        Assert.Equal((50, 8), (r.Requests, r.Window));
        Assert.True(r.P50Microseconds > 0 && r.P99Microseconds >= r.P50Microseconds);
    }

    [Fact]
    public void Percentile_NearestRank()
    {
        double[] sorted = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };

        Assert.Equal((5.0, 10.0, 1.0), (LatencyBench.Percentile(sorted, 0.5), LatencyBench.Percentile(sorted, 0.99), LatencyBench.Percentile(sorted, 0.0)));
    }
}
