using System;
using System.Diagnostics;

namespace Gateway.Host.Bench;

/// <summary>
/// Stopwatch timing of something that takes nanoseconds. Each operation runs a given number of calls in its own
/// loop (a delegate call is paid per batch, not per call). After a warm-up long enough for the JIT's tiering to
/// settle, the operations are timed in turn, three rounds each of about a third of the budget, so a change in the
/// machine's load falls on all of them alike; each keeps its least round's mean (another process only ever adds
/// time). The bytes this thread allocated are counted per round: a collection started by another thread can move
/// the counter by a few hundred bytes once, an allocation per call shows in every round, so the bytes per call are
/// the least round's.
/// </summary>
public static class NsTimer
{
    private const int Rounds = 3;
    private const int Batch = 1000;
    private const int WarmupMs = 200;

    /// <summary>
    /// One operation: nanoseconds per call (least round's mean), calls made in the rounds, bytes allocated in them,
    /// and whole bytes allocated per call in the least-allocating round.
    /// </summary>
    public static (double Ns, long Calls, long AllocatedBytes, long BytesPerCall) Time(Func<int, int> calls, int budgetMs) => Time(new[] { calls }, budgetMs)[0];

    /// <summary>Several operations timed in turn (e.g. old and new), about <paramref name="budgetMs"/> each.</summary>
    public static (double Ns, long Calls, long AllocatedBytes, long BytesPerCall)[] Time(Func<int, int>[] operations, int budgetMs)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var sw = Stopwatch.StartNew();
        foreach (var op in operations)
        {
            sw.Restart();
            do
            {
                op(Batch);
            }
            while (sw.ElapsedMilliseconds < WarmupMs);
        }

        var results = new (double Ns, long Calls, long AllocatedBytes, long BytesPerCall)[operations.Length];
        for (int i = 0; i < results.Length; i++)
        {
            results[i].Ns = double.MaxValue;
            results[i].BytesPerCall = long.MaxValue;
        }

        long roundMs = Math.Max(1, budgetMs / Rounds);
        for (int round = 0; round < Rounds; round++)
        {
            for (int i = 0; i < operations.Length; i++)
            {
                long n = 0;
                long before = GC.GetAllocatedBytesForCurrentThread();
                sw.Restart();
                while (sw.ElapsedMilliseconds < roundMs)
                {
                    operations[i](Batch);
                    n += Batch;
                }

                sw.Stop();
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                results[i].Ns = Math.Min(results[i].Ns, sw.Elapsed.TotalMilliseconds * 1e6 / n);
                results[i].Calls += n;
                results[i].AllocatedBytes += allocated;
                results[i].BytesPerCall = Math.Min(results[i].BytesPerCall, allocated / n);
            }
        }

        return results;
    }
}
