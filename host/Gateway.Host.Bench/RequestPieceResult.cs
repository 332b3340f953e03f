using System;
using System.Collections.Generic;
using Gateway.InProcess;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;

namespace Gateway.Host.Bench;

/// <summary>
/// One piece of the per-request path, old beside new on the same input: nanoseconds per call under this machine's
/// JIT, and the managed loop iterations per call, which is what nanoFramework's interpreter pays for (issue 10
/// measured the 184-byte byte loop at 12.6 µs on nanoCLR, about 70 ns an iteration, and one Array.Clear of it at 0.2 µs).
/// </summary>
public sealed record RequestPieceResult(string Piece, string Input, double OldNs, double NewNs, double OldLoopIterations, double NewLoopIterations, string NewWork)
{
    /// <summary>Old time ÷ new time.</summary>
    public double Ratio => NewNs > 0 ? OldNs / NewNs : 0;

    /// <summary>Every piece, about <paramref name="budgetMs"/> of timing for each side.</summary>
    public static IReadOnlyList<RequestPieceResult> MeasureAll(int budgetMs)
    {
        var p = new RequestPieces();
        var results = new List<RequestPieceResult>();

        var zeroInputs = new[]
        {
            (IoMmapReplyExt.Size, "184 B: a whole _IO_MMAP extended reply"),
            (RequestPieces.MmapReplyZeroed(StatForm.T32_2001), $"{RequestPieces.MmapReplyZeroed(StatForm.T32_2001)} B: what a 32-bit board's (ESP32) _IO_MMAP reply zeroes"),
            (RequestPieces.MmapReplyZeroed(StatForm.T64_2008), $"{RequestPieces.MmapReplyZeroed(StatForm.T64_2008)} B: what a 64-bit board's _IO_MMAP reply zeroes"),
        };
        foreach (var (count, input) in zeroInputs)
        {
            results.Add(Row("LittleEndian.Zero", input, budgetMs,
                n => { for (int i = 0; i < n; i++) { p.OldZero(count); } return p.OldBuffer[0]; },
                n => { for (int i = 0; i < n; i++) { p.NewZero(count); } return p.NewBuffer[0]; },
                count, 0, "one Array.Clear"));
        }

        double oldMean = 0;
        double newMean = 0;
        for (int i = 0; i < RequestPieces.TableSize; i++)
        {
            var (s, pid) = p.Declared(i);
            oldMean += p.Scan.Iterations(s, pid);
            newMean += p.Index.Probes(s, pid);
        }

        results.Add(Row("ProcessTable.Find", $"each declared pid in turn, {RequestPieces.TableSize} of {RequestPieces.TableSize} entries live", budgetMs,
            n => { int sum = 0; for (int i = 0; i < n; i++) { sum += p.OldFindDeclared(i); } return sum; },
            n => { int sum = 0; for (int i = 0; i < n; i++) { sum += p.NewFindDeclared(i); } return sum; },
            oldMean / RequestPieces.TableSize, newMean / RequestPieces.TableSize, "hash, then the bucket's chain"));

        int undeclared = SteadyStateRequests.UndeclaredPid;
        results.Add(Row("ProcessTable.Find", $"undeclared pid (EPERM), {RequestPieces.TableSize} of {RequestPieces.TableSize} entries live", budgetMs,
            n => { int hits = 0; for (int i = 0; i < n; i++) { hits += p.OldFindUndeclared() ? 1 : 0; } return hits; },
            n => { int hits = 0; for (int i = 0; i < n; i++) { hits += p.NewFindUndeclared() ? 1 : 0; } return hits; },
            p.Scan.Iterations(0, undeclared), p.Index.Probes(0, undeclared), "hash, then the bucket's chain"));

        results.Add(Row("ProcessTable.Find", $"undeclared pid (EPERM), 2 of {RequestPieces.TableSize} entries live (the steady state)", budgetMs,
            n => { int hits = 0; for (int i = 0; i < n; i++) { hits += p.OldFindUndeclaredSteady() ? 1 : 0; } return hits; },
            n => { int hits = 0; for (int i = 0; i < n; i++) { hits += p.NewFindUndeclaredSteady() ? 1 : 0; } return hits; },
            p.SteadyScan.Iterations(0, undeclared), p.SteadyIndex.Probes(0, undeclared), "hash, then the bucket's chain"));

        p.OldDecodeMmap();
        p.NewDecodeMmap();
        results.Add(Row("_IO_MMAP request decode", "one-part 88-B request: parse, validate, run", budgetMs,
            n => { int e = 0; for (int i = 0; i < n; i++) { e += (int)p.OldDecodeMmap(); } return e; },
            n => { int e = 0; for (int i = 0; i < n; i++) { e += (int)p.NewDecodeMmap(); } return e; },
            RequestPieces.DecodeIterations(p.Twice.Parts, p.Twice.Decodes), RequestPieces.DecodeIterations(p.Once.Parts, p.Once.Decodes),
            $"{p.Once.Decodes} decoder pass (old: {p.Twice.Decodes})"));
        return results;
    }

    private static RequestPieceResult Row(string piece, string input, int budgetMs, Func<int, int> old, Func<int, int> now, double oldIterations, double newIterations, string newWork)
    {
        var t = NsTimer.Time(new[] { old, now }, budgetMs);
        return new RequestPieceResult(piece, input, t[0].Ns, t[1].Ns, oldIterations, newIterations, newWork);
    }
}
