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
}
