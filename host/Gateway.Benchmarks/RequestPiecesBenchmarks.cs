using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Gateway.Host.Bench;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Benchmarks
{
    /// <summary>
    /// The pieces of the per-request path that issue 10 replaced, old (the baseline, <c>Baseline = true</c>) beside
    /// the board's current code on the same inputs (<see cref="RequestPieces"/>, shared with <c>gateway bench</c>'s
    /// "Per-request pieces" table): one group per piece and input. performance.md §1.1. No job attribute: the
    /// command line picks it (<c>--job short</c>, and <c>--inProcess</c> when the boilerplate build cannot finish).
    /// </summary>
    [MemoryDiagnoser]
    [GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
    [CategoriesColumn]
    public class RequestPiecesBenchmarks
    {
        private static readonly int Zero32Bit = RequestPieces.MmapReplyZeroed(StatForm.T32_2001);

        private RequestPieces p = null!;

        [GlobalSetup]
        public void Setup()
        {
            p = new RequestPieces();
        }

        [Benchmark(Baseline = true, Description = "old: byte loop")]
        [BenchmarkCategory("Zero 184 B")]
        public byte Zero184Old()
        {
            p.OldZero(IoMmapReplyExt.Size);
            return p.OldBuffer[0];
        }

        [Benchmark(Description = "new: Array.Clear")]
        [BenchmarkCategory("Zero 184 B")]
        public byte Zero184New()
        {
            p.NewZero(IoMmapReplyExt.Size);
            return p.NewBuffer[0];
        }

        [Benchmark(Baseline = true, Description = "old: byte loop")]
        [BenchmarkCategory("Zero 84 B (32-bit _IO_MMAP reply)")]
        public byte Zero84Old()
        {
            p.OldZero(Zero32Bit);
            return p.OldBuffer[0];
        }

        [Benchmark(Description = "new: Array.Clear")]
        [BenchmarkCategory("Zero 84 B (32-bit _IO_MMAP reply)")]
        public byte Zero84New()
        {
            p.NewZero(Zero32Bit);
            return p.NewBuffer[0];
        }

        [Benchmark(Baseline = true, OperationsPerInvoke = RequestPieces.TableSize, Description = "old: scan")]
        [BenchmarkCategory("Find declared, 128 live")]
        public int FindDeclaredOld()
        {
            int sum = 0;
            for (int i = 0; i < RequestPieces.TableSize; i++)
            {
                sum += p.OldFindDeclared(i);
            }

            return sum;
        }

        [Benchmark(OperationsPerInvoke = RequestPieces.TableSize, Description = "new: hash index")]
        [BenchmarkCategory("Find declared, 128 live")]
        public int FindDeclaredNew()
        {
            int sum = 0;
            for (int i = 0; i < RequestPieces.TableSize; i++)
            {
                sum += p.NewFindDeclared(i);
            }

            return sum;
        }

        [Benchmark(Baseline = true, Description = "old: scan")]
        [BenchmarkCategory("Find undeclared (EPERM), 128 live")]
        public bool FindUndeclaredOld() => p.OldFindUndeclared();

        [Benchmark(Description = "new: hash index")]
        [BenchmarkCategory("Find undeclared (EPERM), 128 live")]
        public bool FindUndeclaredNew() => p.NewFindUndeclared();

        [Benchmark(Baseline = true, Description = "old: scan")]
        [BenchmarkCategory("Find undeclared (EPERM), 2 live")]
        public bool FindUndeclaredSteadyOld() => p.OldFindUndeclaredSteady();

        [Benchmark(Description = "new: hash index")]
        [BenchmarkCategory("Find undeclared (EPERM), 2 live")]
        public bool FindUndeclaredSteadyNew() => p.NewFindUndeclaredSteady();

        [Benchmark(Baseline = true, Description = "old: decoded twice")]
        [BenchmarkCategory("_IO_MMAP decode")]
        public DecodeError DecodeMmapOld() => p.OldDecodeMmap();

        [Benchmark(Description = "new: decoded once")]
        [BenchmarkCategory("_IO_MMAP decode")]
        public DecodeError DecodeMmapNew() => p.NewDecodeMmap();
    }
}
