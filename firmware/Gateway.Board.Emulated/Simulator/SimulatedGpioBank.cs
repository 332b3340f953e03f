using System;
using System.Collections.Generic;
using Gateway.Devices.Hal;

namespace Gateway.Board.Emulated.Simulator;

/// <summary>
/// A simulated GPIO bank: per pin a direction, an output latch, pulls and edge detection; inputs are
/// driven by wires of its <see cref="GpioWiring"/>, by <see cref="DriveExternally"/> (a button or a
/// signal generator in a test), or else read their pull (pull-up 1, pull-down or none 0).
/// Edges are reported for input pins whose level changes with detection enabled for that edge.
/// Every pin starts as an input with no pull, latch 0 and no detection.
/// </summary>
public sealed class SimulatedGpioBank : IGpioBank
{
    private uint outputs;
    private uint latch;
    private uint pullUps;
    private uint pullDowns;
    private uint rising;
    private uint falling;
    private uint wireDriven;
    private uint wireLevels;
    private uint externalDriven;
    private uint externalLevels;
    private uint levels;
    private int edgeReports;

    /// <param name="name">Name for diagnostics and the board's map, e.g. "bank0".</param>
    /// <param name="pinCount">Pins 0 … pinCount−1 (1–32).</param>
    /// <param name="wiring">The board's wiring; a bank of its own when null.</param>
    /// <param name="presentPins">Pins that exist; all of 0 … pinCount−1 when null.</param>
    public SimulatedGpioBank(string name, int pinCount, GpioWiring? wiring = null, uint? presentPins = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(pinCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pinCount, 32);
        uint span = pinCount == 32 ? uint.MaxValue : (1u << pinCount) - 1;
        uint present = presentPins ?? span;
        if ((present & ~span) != 0)
        {
            throw new ArgumentException("Present pins must lie within the pin count.", nameof(presentPins));
        }

        Name = name;
        PinCount = pinCount;
        PresentPins = present;
        Wiring = wiring ?? new GpioWiring();
        Wiring.Register(this);
    }

    public string Name { get; }

    public int PinCount { get; }

    public uint PresentPins { get; }

    public GpioWiring Wiring { get; }

    public event GpioEdgeHandler? EdgeDetected;

    /// <summary>Pins configured as outputs.</summary>
    public uint Outputs => Locked(() => this.outputs);

    /// <summary>The output latch (also of pins that are inputs now).</summary>
    public uint Latch => Locked(() => latch);

    public uint PullUps => Locked(() => this.pullUps);

    public uint PullDowns => Locked(() => this.pullDowns);

    public uint RisingEnabled => Locked(() => this.rising);

    public uint FallingEnabled => Locked(() => this.falling);

    /// <summary>How many times <see cref="EdgeDetected"/> was raised.</summary>
    public int EdgeReports => Locked(() => edgeReports);

    // The HAL verbs below run on every register access of the emulated board, so they take the lock and settle
    // inline: a lambda capturing the arguments would allocate a closure and a delegate per call, and the board's
    // steady state allocates nothing (performance.md §1).
    public uint ReadInputs()
    {
        lock (Wiring.Gate)
        {
            return this.levels;
        }
    }

    public void WriteOutputs(uint mask, uint values)
    {
        List<GpioWiring.PendingEdges>? pending;
        lock (Wiring.Gate)
        {
            latch = (latch & ~(mask & PresentPins)) | (values & mask & PresentPins);
            pending = Wiring.SettleLocked();
        }

        GpioWiring.Dispatch(pending);
    }

    public void SetDirections(uint mask, uint outputs)
    {
        List<GpioWiring.PendingEdges>? pending;
        lock (Wiring.Gate)
        {
            this.outputs = (this.outputs & ~(mask & PresentPins)) | (outputs & mask & PresentPins);
            pending = Wiring.SettleLocked();
        }

        GpioWiring.Dispatch(pending);
    }

    public void SetPulls(uint mask, uint pullUps, uint pullDowns)
    {
        List<GpioWiring.PendingEdges>? pending;
        lock (Wiring.Gate)
        {
            mask &= PresentPins;
            uint up = pullUps & mask;
            uint down = pullDowns & mask & ~up;
            this.pullUps = (this.pullUps & ~mask) | up;
            this.pullDowns = (this.pullDowns & ~mask) | down;
            pending = Wiring.SettleLocked();
        }

        GpioWiring.Dispatch(pending);
    }

    public void EnableEdges(uint risingPins, uint fallingPins)
    {
        List<GpioWiring.PendingEdges>? pending;
        lock (Wiring.Gate)
        {
            this.rising = risingPins & PresentPins;
            this.falling = fallingPins & PresentPins;
            pending = Wiring.SettleLocked();
        }

        GpioWiring.Dispatch(pending);
    }

    /// <summary>Drives input pin <paramref name="pin"/> from outside the board (a wire to a test instrument).</summary>
    public void DriveExternally(int pin, bool high)
    {
        CheckPin(pin, nameof(pin));
        uint bit = 1u << pin;
        Change(() =>
        {
            externalDriven |= bit;
            externalLevels = high ? externalLevels | bit : externalLevels & ~bit;
        });
    }

    /// <summary>Stops driving <paramref name="pin"/> from outside; it falls back to its pull or wire.</summary>
    public void ReleaseExternally(int pin)
    {
        CheckPin(pin, nameof(pin));
        uint bit = 1u << pin;
        Change(() => externalDriven &= ~bit);
    }

    internal void CheckPin(int pin, string paramName)
    {
        if (pin < 0 || pin >= PinCount || (PresentPins & (1u << pin)) == 0)
        {
            throw new ArgumentOutOfRangeException(paramName, pin, $"{Name} has no pin {pin}.");
        }
    }

    internal bool IsOutputLocked(int pin) => (this.outputs & (1u << pin)) != 0;

    internal bool LatchBitLocked(int pin) => (latch & (1u << pin)) != 0;

    internal void ClearWireDriveLocked()
    {
        wireDriven = 0;
        wireLevels = 0;
    }

    internal void WireDriveLocked(int pin, bool high)
    {
        uint bit = 1u << pin;
        wireDriven |= bit;
        if (high)
        {
            wireLevels |= bit;
        }
    }

    /// <summary>Recomputes the pin levels and returns the edges detection reports.</summary>
    internal void UpdateLevelsLocked(out uint rising, out uint falling)
    {
        uint inputs = ~this.outputs;
        uint undriven = inputs & ~wireDriven & ~externalDriven;
        uint externalOnly = inputs & ~wireDriven & externalDriven;
        uint levels = (this.outputs & latch)
            | (inputs & wireDriven & wireLevels)
            | (externalOnly & externalLevels)
            | (undriven & this.pullUps);
        levels &= PresentPins;

        uint changed = levels ^ this.levels;
        rising = changed & levels & this.rising & inputs;
        falling = changed & ~levels & this.falling & inputs;
        this.levels = levels;
    }

    internal void RaiseEdges(uint rising, uint falling)
    {
        GpioEdgeHandler? handler;
        lock (Wiring.Gate)
        {
            edgeReports++;
            handler = EdgeDetected;
        }

        handler?.Invoke(rising, falling);
    }

    private void Change(Action mutate)
    {
        List<GpioWiring.PendingEdges>? pending;
        lock (Wiring.Gate)
        {
            mutate();
            pending = Wiring.SettleLocked();
        }

        GpioWiring.Dispatch(pending);
    }

    private T Locked<T>(Func<T> read)
    {
        lock (Wiring.Gate)
        {
            return read();
        }
    }
}
