using BenchmarkDotNet.Attributes;
using Gateway.Board.Emulated;
using Gateway.InProcess;

namespace Gateway.Benchmarks
{
    /// <summary>
    /// The board core in its steady state (system.md §6): one request decoded, checked and answered through
    /// <c>ResourceManager.Handle</c> on an emulated board with the real-time clock, exactly as the link hands it
    /// over — files open, mapping OCBs created, message bytes and reply buffer preallocated
    /// (<see cref="SteadyStateRequests"/>, shared with the allocation regression test). The allocated column must
    /// read 0 (a dash).
    /// </summary>
    [MemoryDiagnoser]
    [ShortRunJob]
    public class BoardDispatchBenchmarks
    {
        private SteadyStateRequests s = null!;

        [GlobalSetup]
        public void Setup()
        {
            s = new SteadyStateRequests(new EmulatedBoard().Rm);
        }

        /// <summary>_IO_MMAP of /dev/gpio/bank0 → 184-byte extended reply, the mapping OCB reused (RM-6 … RM-16).</summary>
        [Benchmark(Description = "_IO_MMAP -> ext reply (184 B)")]
        public int Mmap()
        {
            s.SendMmap();
            return s.Reply.Length;
        }

        /// <summary>Page-in: _IO_LSEEK + _IO_READ of 4096 bytes of /data/app on its mapping coid (MM-7).</summary>
        [Benchmark(Description = "page-in: lseek+read 4096 B")]
        public int PageIn()
        {
            s.SendPageIn();
            return s.Reply.Length;
        }

        /// <summary>A request from a pid no session declared: refused EPERM before anything is decoded (behaviour.md §0).</summary>
        [Benchmark(Description = "EPERM: undeclared pid")]
        public int UndeclaredPid()
        {
            s.SendUndeclaredPid();
            return s.Reply.Value;
        }

        /// <summary>32-bit register store: 4-byte _IO_WRITE + _IO_XTYPE_OFFSET to bank0 OUTPUT (MM-8), driving the simulated pins.</summary>
        [Benchmark(Description = "register store: write 4 B + offset")]
        public int RegisterStore()
        {
            s.SendRegisterStore();
            return s.Reply.Value;
        }

        /// <summary>32-bit register load: 4-byte _IO_READ + _IO_XTYPE_OFFSET of bank0 INPUT, through the HAL.</summary>
        [Benchmark(Description = "register load: read 4 B + offset")]
        public int RegisterLoad()
        {
            s.SendRegisterLoad();
            return s.Reply.Value;
        }
    }
}
