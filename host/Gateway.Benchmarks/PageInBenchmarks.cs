using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Gateway.Host.Bench;
using Gateway.Protocol.Link;
using Gateway.Transports.Desktop.Paced;

namespace Gateway.Benchmarks
{
    /// <summary>
    /// The CPU cost of paging in 1 MiB through the whole stack — memory manager, link client, frames, board link,
    /// resource manager — on the paced line's virtual clock (the line itself costs no time): the measured part of
    /// the routine <c>gateway bench</c> reports in bytes and line time (<see cref="PageInBench"/>): mmap, every page
    /// loaded and checked, munmap. The board, the session and the object are made per iteration, outside the timing.
    /// </summary>
    [MemoryDiagnoser]
    [ShortRunJob]
    [InvocationCount(1)]
    public class PageInBenchmarks
    {
        private PreparedPageIn? run;

        [Params(LinkLimits.MinBody, LinkLimits.DesktopBody)]
        public int Body { get; set; } = LinkLimits.DesktopBody;

        [IterationSetup]
        public void Prepare() =>
            run = PageInBench.PrepareAsync(new PageInSettings(3_000_000, LineClockMode.Virtual, Body, 8)).GetAwaiter().GetResult();

        [IterationCleanup]
        public void Cleanup() => run?.DisposeAsync().AsTask().GetAwaiter().GetResult();

        [Benchmark(Description = "mmap + page-in of 1 MiB + munmap (virtual line)")]
        public Task<PageInResult> PageIn1MiB() => run!.MeasureAsync();
    }
}
