using System;
using BenchmarkDotNet.Attributes;
using Gateway.Host.Bench;

namespace Gateway.Benchmarks
{
    /// <summary>
    /// The link's frame path, old beside new (hardware-docs/performance.md §1): a reply frame with a 4,352- or
    /// 16,640-byte body (the ESP32's and the emulated board's largest), random or all zero, encoded and decoded in one
    /// chunk by link version 1 (table CRC + COBS, kept in <c>Gateway.Host.Bench.Baseline</c> for this comparison only)
    /// and by version 2 (marker, length, CRC; payload copied) with the table CRC — the ESP32 fallback, the per-byte
    /// CRC cost the interpreter pays without the native one — and with System.IO.Hashing (desktops).
    /// </summary>
    [MemoryDiagnoser]
    [ShortRunJob]
    public class FrameBenchmarks
    {
        private FramePath path = null!;

        [Params(4352, 16640)]
        public int Body { get; set; }

        [Params("random", "zeros")]
        public string Data { get; set; } = "random";

        [Params(FramePath.V1Cobs, FramePath.V2Table, FramePath.V2System)]
        public string Codec { get; set; } = FramePath.V2System;

        [GlobalSetup]
        public void Setup()
        {
            path = new FramePath(Codec, Body, Data == "zeros");
        }

        [Benchmark(Description = "encode frame")]
        public int Encode() => path.Encode();

        [Benchmark(Description = "decode frame (one chunk)")]
        public int Decode() => path.Decode();
    }
}
