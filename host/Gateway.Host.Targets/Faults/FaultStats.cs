using System.Threading;

namespace Gateway.Host.Targets.Faults;

/// <summary>What a <see cref="FrameFaultInjector"/> did so far. Thread-safe reads.</summary>
public sealed class FaultStats
{
    private long frames;
    private long dropped;
    private long corrupted;
    private long duplicated;
    private long reordered;
    private long delayed;

    /// <summary>Frames seen (split at the 0x00 delimiter).</summary>
    public long Frames => Interlocked.Read(ref frames);

    public long Dropped => Interlocked.Read(ref dropped);

    public long Corrupted => Interlocked.Read(ref corrupted);

    public long Duplicated => Interlocked.Read(ref duplicated);

    public long Reordered => Interlocked.Read(ref reordered);

    public long Delayed => Interlocked.Read(ref delayed);

    internal void CountFrame() => Interlocked.Increment(ref frames);

    internal void CountDrop() => Interlocked.Increment(ref dropped);

    internal void CountCorrupt() => Interlocked.Increment(ref corrupted);

    internal void CountDuplicate() => Interlocked.Increment(ref duplicated);

    internal void CountReorder() => Interlocked.Increment(ref reordered);

    internal void CountDelay() => Interlocked.Increment(ref delayed);

    public override string ToString() =>
        $"frames={Frames} dropped={Dropped} corrupted={Corrupted} duplicated={Duplicated} reordered={Reordered} delayed={Delayed}";
}
