namespace Gateway.Host.Bench.Baseline;

/// <summary>
/// Benchmark-only: <c>LittleEndian.Zero</c> as the board had it before issue 10 (commit 069f495 replaced it with
/// <c>Array.Clear</c>), kept so the benchmarks can time old beside new on the same buffer. The board no longer
/// carries it. One managed loop iteration per byte: what nanoFramework's interpreter multiplies.
/// </summary>
public static class ByteLoopZero
{
    /// <summary>Writes <paramref name="count"/> zero bytes, one at a time.</summary>
    public static void Zero(byte[] b, int o, int count)
    {
        for (int i = 0; i < count; i++)
        {
            b[o + i] = 0;
        }
    }

    /// <summary>Loop iterations one call runs: one per byte.</summary>
    public static int Iterations(int count) => count;
}
