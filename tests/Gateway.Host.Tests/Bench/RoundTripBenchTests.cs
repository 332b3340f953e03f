using System.Linq;
using System.Threading.Tasks;
using Gateway.Host.Bench;

namespace Gateway.Host.Tests.Bench;

/// <summary>performance.md §3: round trips, counted over the real link: one per mmap with an extended reply, one per page-in.</summary>
public sealed class RoundTripBenchTests
{
    [Fact]
    public async Task RoundTrips_ExtendedMmapAndPageInOne_PlainMmapTwo()
    {
        var results = (await RoundTripBench.RunAsync()).ToDictionary(r => r.Operation.Split(" (")[0]);

        var ext = results["mmap, extended reply"];
        var pageIn = results["page-in of one frame"];
        var cached = results["load from a page already in"];
        var plain = results["mmap, plain reply"];
        Assert.Equal((1, 1L, 184), (ext.Messages, ext.RequestFrames, ext.ReplyBytes));
        Assert.Equal(new[] { "_IO_MMAP" }, ext.Kinds);
        Assert.Equal((1, 1L), (pageIn.Messages, pageIn.RequestFrames));
        Assert.Equal(new[] { "_IO_LSEEK+_IO_READ" }, pageIn.Kinds);
        Assert.Equal(0, cached.Messages);
        Assert.Equal((2, 2L, 24), (plain.Messages, plain.RequestFrames, plain.ReplyBytes));
        Assert.Equal(new[] { "_IO_MMAP", "_IO_STAT" }, plain.Kinds);
    }
}
