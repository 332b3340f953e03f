using System;
using BenchmarkDotNet.Attributes;
using Gateway.Protocol.Link;

namespace Gateway.Benchmarks
{
    /// <summary>
    /// The link's framing per 4 KiB page (system.md §3): a reply frame carrying one page (16-byte header + 4096-byte
    /// body + CRC-32) sealed, COBS-encoded and delimited by <see cref="FrameEncoder.Encode"/>, and fed back through
    /// the board's incremental <see cref="FrameDecoder"/> (COBS undone, CRC checked) in one chunk and byte by byte.
    /// Random page bytes (zeros about 1 in 256) and an all-zero page (the worst case for COBS code bytes).
    /// </summary>
    [MemoryDiagnoser]
    [ShortRunJob]
    public class FrameBenchmarks
    {
        private readonly byte[] frame = new byte[LinkLimits.FrameLength(LinkLimits.PageSize)];
        private readonly byte[] wire = new byte[LinkLimits.WireLength(LinkLimits.PageSize)];
        private readonly FrameDecoder decoder = new(LinkLimits.DesktopBody);
        private int wireLength;

        [Params("random", "zeros")]
        public string Page { get; set; } = "random";

        [GlobalSetup]
        public void Setup()
        {
            FrameHeader.Write(frame, 0, FrameKind.Reply, 0, 0, 42, LinkLimits.PageSize, 0);
            if (Page == "random")
            {
                new System.Random(4096).NextBytes(frame.AsSpan(FrameHeader.Size, LinkLimits.PageSize));
            }

            wireLength = FrameEncoder.Encode(frame, 0, LinkLimits.PageSize, wire, 0);
        }

        [Benchmark(Description = "encode page frame (seal + COBS)")]
        public int Encode() => FrameEncoder.Encode(frame, 0, LinkLimits.PageSize, wire, 0);

        [Benchmark(Description = "decode page frame (one chunk)")]
        public int Decode()
        {
            decoder.Feed(wire, 0, wireLength);
            return decoder.BodyLength;
        }

        [Benchmark(Description = "decode page frame (byte by byte)")]
        public int DecodeByteByByte()
        {
            for (int i = 0; i < wireLength; i++)
            {
                decoder.Feed(wire, i, 1);
            }

            return decoder.BodyLength;
        }
    }
}
