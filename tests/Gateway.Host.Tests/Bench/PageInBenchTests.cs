using System.Threading.Tasks;
using Gateway.Host.Bench;
using Gateway.Protocol.Link;
using Gateway.Transports.Desktop.Paced;
using Xunit.Abstractions;

namespace Gateway.Host.Tests.Bench;

/// <summary>
/// The page-in measurement on the virtual clock: counts and byte ratios only (deterministic), never durations.
/// </summary>
public sealed class PageInBenchTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(LinkLimits.MinBody, 1)]
    [InlineData(LinkLimits.DesktopBody, 4)]
    public async Task SequentialPageIn_OneMessagePerFrameOfPages(int maxBody, int pagesPerPageIn)
    {
        var r = await PageInBench.RunAsync(new PageInSettings(3_000_000, LineClockMode.Virtual, maxBody, 8));
        output.WriteLine(r.ToString());
        output.WriteLine($"efficiency {r.Efficiency:F4}, fraction {r.LineFraction:P2}");

        Assert.Equal(maxBody, r.NegotiatedBody);
        Assert.Equal(pagesPerPageIn, r.PagesPerPageIn);
        Assert.Equal(PageInBench.DefaultObjectBytes / 4096 / pagesPerPageIn, r.PageIns);
        Assert.Equal(r.PageIns + 2, r.Messages); // + the _IO_MMAP and the _IO_CLOSE of the mapping coid
        Assert.Equal(0, r.Retransmits);
    }
}
