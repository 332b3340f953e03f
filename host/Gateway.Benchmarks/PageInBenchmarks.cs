using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Gateway.Host.Bench;
using Gateway.Protocol.Link;
using Gateway.Transports.Desktop.Paced;

namespace Gateway.Benchmarks
{
    /// <summary>
    /// The CPU cost of paging in 1 MiB through the whole stack — memory manager, link client, frames, board link,
    /// resource manager — on the paced line's virtual clock (the line itself costs no time): the same routine
    /// <c>gateway bench</c> reports in bytes and line time (<see cref="PageInBench"/>), including the board's start,
    /// the handshake and writing the object, which are the same for every frame size.
    /// </summary>
    [MemoryDiagnoser]
    [ShortRunJob]
    public class PageInBenchmarks
    {
        [Params(LinkLimits.MinBody, LinkLimits.DesktopBody)]
        public int Body { get; set; } = LinkLimits.DesktopBody;

        [Benchmark(Description = "board + session + 1 MiB written and paged in (virtual line)")]
        public Task<PageInResult> PageIn1MiB() =>
            PageInBench.RunAsync(new PageInSettings(3_000_000, LineClockMode.Virtual, Body, 8));
    }
}
