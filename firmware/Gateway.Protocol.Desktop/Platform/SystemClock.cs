using System;
using System.Diagnostics;
using Gateway.Protocol.Platform;

namespace Gateway.Protocol.Desktop.Platform;

/// <summary>The desktop clock: <see cref="Stopwatch"/> for monotonic time, the system clock for wall time.</summary>
public sealed class SystemClock : IClock
{
    public static readonly SystemClock Instance = new();

    private readonly long start = Stopwatch.GetTimestamp();

    public long MonotonicMs => (long)Stopwatch.GetElapsedTime(start).TotalMilliseconds;

    public void UtcNow(out long seconds, out int nanoseconds)
    {
        long ticks = DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks;
        seconds = ticks / TimeSpan.TicksPerSecond;
        nanoseconds = (int)(ticks % TimeSpan.TicksPerSecond * 100);
    }
}
