using System;

namespace Gateway.Devices.Tests;

/// <summary>
/// Bytes the test thread allocates over a loop, for the zero-allocation tests. The counter can move by a few hundred
/// bytes when a collection started by another thread lands inside the loop on a loaded machine, so the loop runs in up
/// to three rounds and the least is taken: an allocation the code makes per call shows in every round, noise does not.
/// </summary>
internal static class ThreadAllocations
{
    public static long Least(Action loop, int rounds = 3)
    {
        long least = long.MaxValue;
        for (int r = 0; r < rounds && least != 0; r++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            loop();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
