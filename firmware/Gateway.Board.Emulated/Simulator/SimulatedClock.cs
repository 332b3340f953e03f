using System;
using System.Threading;
using Gateway.Protocol.Platform;

namespace Gateway.Board.Emulated.Simulator;

/// <summary>
/// A board clock that only moves when told to: tests advance it instead of sleeping, so nothing in
/// the simulator (the EEPROM's write time, link timeouts) depends on the real time. <see cref="Run"/> makes it
/// also move with the real time (the conformance runner's <c>emu:</c> board, where software that polls a device
/// must see time pass); <see cref="Advance"/> still jumps it forward.
/// The wall clock moves with the monotonic one from a fixed start.
/// </summary>
public sealed class SimulatedClock : IClock
{
    /// <summary>2025-01-01T00:00:00Z, the default wall time at monotonic 0.</summary>
    public const long DefaultWallStartSeconds = 1_735_689_600;

    private readonly long wallStartSeconds;
    private long ms;
    private long runningSince = -1;

    public SimulatedClock(long startMs = 0, long wallStartSeconds = DefaultWallStartSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startMs);
        this.ms = startMs;
        this.wallStartSeconds = wallStartSeconds;
    }

    public long MonotonicMs
    {
        get
        {
            long since = Interlocked.Read(ref runningSince);
            long ms = Interlocked.Read(ref this.ms);
            return since < 0 ? ms : ms + (Environment.TickCount64 - since);
        }
    }

    /// <summary>True while the clock moves with the real time as well (after <see cref="Run"/>).</summary>
    public bool Running => Interlocked.Read(ref runningSince) >= 0;

    /// <summary>From now on the clock also moves with the real time (idempotent).</summary>
    public void Run()
    {
        Interlocked.CompareExchange(ref runningSince, Environment.TickCount64, -1);
    }

    /// <summary>Moves both clocks forward by <paramref name="ms"/> milliseconds (never back).</summary>
    public void Advance(long ms)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ms);
        Interlocked.Add(ref this.ms, ms);
    }

    public void UtcNow(out long seconds, out int nanoseconds)
    {
        long ms = MonotonicMs;
        seconds = this.wallStartSeconds + ms / 1000;
        nanoseconds = (int)(ms % 1000) * 1_000_000;
    }
}
