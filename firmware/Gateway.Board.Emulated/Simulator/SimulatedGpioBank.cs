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
    private uint _outputs;
    private uint _latch;
    private uint _pullUps;
    private uint _pullDowns;
    private uint _rising;
    private uint _falling;
    private uint _wireDriven;
    private uint _wireLevels;
    private uint _externalDriven;
    private uint _externalLevels;
    private uint _levels;
    private int _edgeReports;

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
    public uint Outputs => Locked(() => _outputs);

    /// <summary>The output latch (also of pins that are inputs now).</summary>
    public uint Latch => Locked(() => _latch);

    public uint PullUps => Locked(() => _pullUps);

    public uint PullDowns => Locked(() => _pullDowns);

    public uint RisingEnabled => Locked(() => _rising);

    public uint FallingEnabled => Locked(() => _falling);

    /// <summary>How many times <see cref="EdgeDetected"/> was raised.</summary>
    public int EdgeReports => Locked(() => _edgeReports);

    // The HAL verbs below run on every register access of the emulated board, so they take the lock and settle
    // inline: a lambda capturing the arguments would allocate a closure and a delegate per call, and the board's
    // steady state allocates nothing (performance.md §1).
    public uint ReadInputs()
    {
        lock (Wiring.Gate)
        {
            return _levels;
        }
    }

    public void WriteOutputs(uint mask, uint values)
    {
        List<GpioWiring.PendingEdges>? pending;
        lock (Wiring.Gate)
        {
            _latch = (_latch & ~(mask & PresentPins)) | (values & mask & PresentPins);
            pending = Wiring.SettleLocked();
        }

        GpioWiring.Dispatch(pending);
    }

    public void SetDirections(uint mask, uint outputs)
    {
        List<GpioWiring.PendingEdges>? pending;
        lock (Wiring.Gate)
        {
            _outputs = (_outputs & ~(mask & PresentPins)) | (outputs & mask & PresentPins);
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
            _pullUps = (_pullUps & ~mask) | up;
            _pullDowns = (_pullDowns & ~mask) | down;
            pending = Wiring.SettleLocked();
        }

        GpioWiring.Dispatch(pending);
    }

    public void EnableEdges(uint risingPins, uint fallingPins)
    {
        List<GpioWiring.PendingEdges>? pending;
        lock (Wiring.Gate)
        {
            _rising = risingPins & PresentPins;
            _falling = fallingPins & PresentPins;
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
            _externalDriven |= bit;
            _externalLevels = high ? _externalLevels | bit : _externalLevels & ~bit;
        });
    }

    /// <summary>Stops driving <paramref name="pin"/> from outside; it falls back to its pull or wire.</summary>
    public void ReleaseExternally(int pin)
    {
        CheckPin(pin, nameof(pin));
        uint bit = 1u << pin;
        Change(() => _externalDriven &= ~bit);
    }

    internal void CheckPin(int pin, string paramName)
    {
        if (pin < 0 || pin >= PinCount || (PresentPins & (1u << pin)) == 0)
        {
            throw new ArgumentOutOfRangeException(paramName, pin, $"{Name} has no pin {pin}.");
        }
    }

    internal bool IsOutputLocked(int pin) => (_outputs & (1u << pin)) != 0;

    internal bool LatchBitLocked(int pin) => (_latch & (1u << pin)) != 0;

    internal void ClearWireDriveLocked()
    {
        _wireDriven = 0;
        _wireLevels = 0;
    }

    internal void WireDriveLocked(int pin, bool high)
    {
        uint bit = 1u << pin;
        _wireDriven |= bit;
        if (high)
        {
            _wireLevels |= bit;
        }
    }

    /// <summary>Recomputes the pin levels and returns the edges detection reports.</summary>
    internal void UpdateLevelsLocked(out uint rising, out uint falling)
    {
        uint inputs = ~_outputs;
        uint undriven = inputs & ~_wireDriven & ~_externalDriven;
        uint externalOnly = inputs & ~_wireDriven & _externalDriven;
        uint levels = (_outputs & _latch)
            | (inputs & _wireDriven & _wireLevels)
            | (externalOnly & _externalLevels)
            | (undriven & _pullUps);
        levels &= PresentPins;

        uint changed = levels ^ _levels;
        rising = changed & levels & _rising & inputs;
        falling = changed & ~levels & _falling & inputs;
        _levels = levels;
    }

    internal void RaiseEdges(uint rising, uint falling)
    {
        GpioEdgeHandler? handler;
        lock (Wiring.Gate)
        {
            _edgeReports++;
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
