using BenchmarkDotNet.Attributes;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;

namespace Gateway.Benchmarks
{
    /// <summary>The three stat forms (<c>__stat_t32_2001</c> 72 B, <c>__stat_t32_2008</c> 96 B, <c>__stat_t64_2008</c> 120 B).</summary>
    [MemoryDiagnoser]
    [ShortRunJob]
    public class StatCodecBenchmarks
    {
        private readonly byte[] buffer = new byte[256];
        private readonly Stat stat = new();
        private byte[] bytes = null!;

        [Params(StatForm.T32_2001, StatForm.T32_2008, StatForm.T64_2008)]
        public int Form { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            Fill(stat);
            bytes = new byte[StatForm.SizeOf(Form)];
            stat.Encode(bytes, 0, Form);
        }

        [Benchmark(Description = "stat encode")]
        public int Encode() => stat.Encode(buffer, 0, Form);

        [Benchmark(Description = "stat decode")]
        public int Decode() => (int)stat.Decode(bytes, 0, bytes.Length, Form);

        internal static void Fill(Stat s)
        {
            s.Ino = 0x1234_5678_9ABC_DEF0;
            s.Size = 4096;
            s.Dev = 0x47570001;
            s.Rdev = 0x100;
            s.Uid = 0;
            s.Gid = 20;
            s.Mode = FileMode.Chr | 0x1B0;
            s.Nlink = 1;
            s.Blocksize = 512;
            s.Nblocks = 8;
            s.Blksize = 4096;
            s.Blocks = 8;
            s.MtimSec = s.AtimSec = s.CtimSec = 1_735_689_600;
            s.MtimNsec = s.AtimNsec = s.CtimNsec = 500;
            s.Mtime = s.Atime = s.Ctime = 1_735_689_600;
        }
    }
}
