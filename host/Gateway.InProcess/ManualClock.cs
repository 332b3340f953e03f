using System;
using Gateway.Protocol.Link;
using Gateway.Protocol.Platform;

namespace Gateway.InProcess;

/// <summary>A board clock tests move by hand.</summary>
public sealed class ManualClock : IClock
{
    public long Ms = 1000;
    public long Seconds = 1_700_000_000;
    public int Nanos = 500;

    public long MonotonicMs => Ms;

    public void UtcNow(out long seconds, out int nanoseconds)
    {
        seconds = Seconds;
        nanoseconds = Nanos;
    }

    public void Advance(int seconds)
    {
        Seconds += seconds;
        Ms += seconds * 1000L;
    }
}
