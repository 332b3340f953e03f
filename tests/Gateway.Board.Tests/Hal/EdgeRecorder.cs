using System;
using System.Collections.Generic;
using System.Threading;
using Gateway.Devices.Hal;

namespace Gateway.Board.Tests.Hal;

/// <summary>
/// Collects the reports of <see cref="IGpioBank.EdgeDetected"/>. Simulators report synchronously; real
/// hardware reports from another thread, so waits are bounded by a generous timeout that only ever
/// decides a failure, never a pass.
/// </summary>
public sealed class EdgeRecorder : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private readonly IGpioBank bank;
    private readonly List<(uint Rising, uint Falling)> reports = new();
    private readonly object gate = new();

    public EdgeRecorder(IGpioBank bank)
    {
        this.bank = bank;
        this.bank.EdgeDetected += OnEdge;
    }

    public (uint Rising, uint Falling)[] Reports
    {
        get
        {
            lock (gate)
            {
                return reports.ToArray();
            }
        }
    }

    public uint AllRising
    {
        get
        {
            uint r = 0;
            foreach (var report in Reports)
            {
                r |= report.Rising;
            }

            return r;
        }
    }

    public uint AllFalling
    {
        get
        {
            uint f = 0;
            foreach (var report in Reports)
            {
                f |= report.Falling;
            }

            return f;
        }
    }

    /// <summary>Waits until the reports include <paramref name="rising"/> and <paramref name="falling"/>.</summary>
    public bool WaitFor(uint rising, uint falling)
    {
        lock (gate)
        {
            var deadline = DateTime.UtcNow + Patience;
            while ((AllRisingLocked() & rising) != rising || (AllFallingLocked() & falling) != falling)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    return false;
                }

                Monitor.Wait(gate, left);
            }

            return true;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            reports.Clear();
        }
    }

    public void Dispose() => this.bank.EdgeDetected -= OnEdge;

    private uint AllRisingLocked()
    {
        uint r = 0;
        foreach (var report in reports)
        {
            r |= report.Rising;
        }

        return r;
    }

    private uint AllFallingLocked()
    {
        uint f = 0;
        foreach (var report in reports)
        {
            f |= report.Falling;
        }

        return f;
    }

    private void OnEdge(uint rising, uint falling)
    {
        lock (gate)
        {
            reports.Add((rising, falling));
            Monitor.PulseAll(gate);
        }
    }
}
