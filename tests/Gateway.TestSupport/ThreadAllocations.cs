using System;

namespace Gateway.TestSupport;

/// <summary>
/// Bytes a thread allocates over a round of work, for the zero-allocation tests. The thread's counter can move by a
/// few hundred bytes when a collection started by another thread lands inside the round on a loaded machine, so a
/// measurement runs in up to <see cref="Rounds"/> rounds and the least is taken: an allocation the code makes per call
/// shows in every round, noise does not.
/// </summary>
public static class ThreadAllocations
{
    /// <summary>How many rounds a measurement takes at the most; it stops early at a round that allocated nothing.</summary>
    public const int Rounds = 3;

    /// <summary>The least the calling thread allocates over <paramref name="loop"/>, of up to <paramref name="rounds"/> runs.</summary>
    public static long Least(Action loop, int rounds = Rounds)
    {
        ArgumentNullException.ThrowIfNull(loop);
        return Least(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            loop();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }, rounds);
    }

    /// <summary>
    /// The least of up to <paramref name="rounds"/> measurements that <paramref name="round"/> makes itself, for work
    /// whose allocations are counted on another thread (a board's serve thread samples its own counter).
    /// </summary>
    public static long Least(Func<long> round, int rounds = Rounds)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        long least = long.MaxValue;
        for (int r = 0; r < rounds && least != 0; r++)
        {
            least = Math.Min(least, round());
        }

        return least;
    }
}
