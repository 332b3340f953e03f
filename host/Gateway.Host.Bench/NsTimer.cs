using System;
using System.Diagnostics;

namespace Gateway.Host.Bench;

/// <summary>
/// Stopwatch timing of something that takes nanoseconds: the operation runs a given number of calls in its own
/// loop (so a delegate call is paid per batch, not per call), after a warm-up, in three rounds of about a third of
/// the budget each; the least round's mean is kept (another process on the machine only ever adds time). The bytes
/// this thread allocated over all rounds are counted too.
/// </summary>
public static class NsTimer
{
    private const int Rounds = 3;
    private const int Batch = 1000;

    /// <summary>Nanoseconds per call (least round's mean), calls made in the rounds, and bytes allocated over them.</summary>
    public static (double Ns, long Calls, long AllocatedBytes) Time(Func<int, int> calls, int budgetMs)
    {
        ArgumentNullException.ThrowIfNull(calls);
        calls(Batch * 5);

        double best = double.MaxValue;
        long total = 0;
        long roundMs = Math.Max(1, budgetMs / Rounds);
        var sw = new Stopwatch();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < Rounds; round++)
        {
            long n = 0;
            sw.Restart();
            while (sw.ElapsedMilliseconds < roundMs)
            {
                calls(Batch);
                n += Batch;
            }

            sw.Stop();
            best = Math.Min(best, sw.Elapsed.TotalMilliseconds * 1e6 / n);
            total += n;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return (best, total, allocated);
    }
}
