using System;
using System.Diagnostics;
using Gateway.Protocol.Platform;

namespace Gateway.Board.Emulated.Simulator;

/// <summary>The real clock for the emulated board when it runs for other tools (not in tests).</summary>
public sealed class HostClock : IClock
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
