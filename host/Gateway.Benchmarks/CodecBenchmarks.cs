using BenchmarkDotNet.Attributes;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;

namespace Gateway.Benchmarks
{
    /// <summary>The QNX codecs alone: <c>struct _io_mmap</c> and <c>struct _io_mmap_reply_ext</c>, into and from caller-owned buffers.</summary>
    [MemoryDiagnoser]
    [ShortRunJob]
    public class MmapCodecBenchmarks
    {
        private readonly byte[] buffer = new byte[512];
        private readonly IoMmapRequest request = new();
        private readonly IoMmapReplyExt reply = new();
        private byte[] requestBytes = null!;
        private byte[] replyBytes = null!;

        [GlobalSetup]
        public void Setup()
        {
            request.Prot = Prot.Read | Prot.Write;
            request.RequiredProt = Prot.Read | Prot.Write;
            request.Offset = 0;
            request.RequestedLen = 4096;
            request.Info.Pid = 2;
            request.Info.Coid = 3;
            request.Info.Flags = (short)MsgInfoFlags.Bits64;
            requestBytes = new byte[IoMmapRequest.Size];
            request.Encode(requestBytes, 0);

            reply.Base.AllowedProt = Prot.Read | Prot.Write;
            reply.Base.Coid = 0x40000000;
            reply.Flags = MmapReplyFlags.UseExtended | MmapReplyFlags.StatFormToFlags(StatForm.T64_2008) | MmapReplyFlags.CacheForceInvalidate | MmapReplyFlags.BypassFstatvfs;
            StatCodecBenchmarks.Fill(reply.Stat);
            replyBytes = new byte[IoMmapReplyExt.Size];
            reply.Encode(replyBytes, 0);
        }

        [Benchmark(Description = "_io_mmap encode (88 B)")]
        public int RequestEncode() => request.Encode(buffer, 0);

        [Benchmark(Description = "_io_mmap decode (88 B)")]
        public int RequestDecode() => (int)request.Decode(requestBytes, 0, requestBytes.Length);

        [Benchmark(Description = "_io_mmap_reply_ext encode (184 B, T64_2008)")]
        public int ReplyExtEncode() => reply.Encode(buffer, 0);

        [Benchmark(Description = "_io_mmap_reply_ext decode (184 B, T64_2008)")]
        public int ReplyExtDecode() => (int)reply.Decode(replyBytes, 0, replyBytes.Length);
    }

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
