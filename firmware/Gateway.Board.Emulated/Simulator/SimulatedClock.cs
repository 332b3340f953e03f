using System;
using System.Threading;
using Gateway.Protocol.Platform;

namespace Gateway.Board.Emulated.Simulator;

/// <summary>
/// A board clock that only moves when told to: tests advance it instead of sleeping, so nothing in
/// the simulator (the EEPROM's write time, link timeouts) depends on the real time.
/// The wall clock moves with the monotonic one from a fixed start.
/// </summary>
public sealed class SimulatedClock : IClock
{
    /// <summary>2025-01-01T00:00:00Z, the default wall time at monotonic 0.</summary>
    public const long DefaultWallStartSeconds = 1_735_689_600;

    private readonly long _wallStartSeconds;
    private long _ms;

    public SimulatedClock(long startMs = 0, long wallStartSeconds = DefaultWallStartSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startMs);
        _ms = startMs;
        _wallStartSeconds = wallStartSeconds;
    }

    public long MonotonicMs => Interlocked.Read(ref _ms);

    /// <summary>Moves both clocks forward by <paramref name="ms"/> milliseconds (never back).</summary>
    public void Advance(long ms)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ms);
        Interlocked.Add(ref _ms, ms);
    }

    public void UtcNow(out long seconds, out int nanoseconds)
    {
        long ms = MonotonicMs;
        seconds = _wallStartSeconds + ms / 1000;
        nanoseconds = (int)(ms % 1000) * 1_000_000;
    }
}
