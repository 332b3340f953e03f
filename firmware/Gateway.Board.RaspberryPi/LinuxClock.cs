using System;
using System.Diagnostics;
using Gateway.Protocol.Platform;

namespace Gateway.Board.RaspberryPi;

/// <summary>The Pi's clock: CLOCK_MONOTONIC through Stopwatch, the wall time from the system (NTP-set).</summary>
public sealed class LinuxClock : IClock
{
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();

    public long MonotonicMs => (long)Stopwatch.GetElapsedTime(_startTimestamp).TotalMilliseconds;

    public void UtcNow(out long seconds, out int nanoseconds)
    {
        long ticks = DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks;
        seconds = ticks / TimeSpan.TicksPerSecond;
        nanoseconds = (int)(ticks % TimeSpan.TicksPerSecond) * 100;
    }
}
