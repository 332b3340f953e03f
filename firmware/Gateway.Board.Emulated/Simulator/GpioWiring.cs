using System;
using System.Collections.Generic;

namespace Gateway.Board.Emulated.Simulator;

/// <summary>
/// The test wiring of a simulated board: wires between pins of the banks created on it.
/// </summary>
/// <remarks>
/// A wire is symmetric: when one end is an output, the other end, if an input, reads that output's
/// level (and raises edges on its bank when detection is enabled there); when both ends are inputs each
/// reads its own pull; when both are outputs each reads its own latch (contention is not modelled).
/// One pin may have several wires (fan-out). Outputs never depend on inputs, so one pass settles the
/// whole board. All banks of a wiring share one lock; edge handlers run after it is released, on the
/// thread that made the change.
/// </remarks>
public sealed class GpioWiring
{
    private readonly List<SimulatedGpioBank> _banks = new();
    private readonly List<GpioWire> _wires = new();

    internal object Gate { get; } = new();

    /// <summary>The wires, in the order they were connected.</summary>
    public IReadOnlyList<GpioWire> Wires
    {
        get
        {
            lock (Gate)
            {
                return _wires.ToArray();
            }
        }
    }

    /// <summary>
    /// Connects pin <paramref name="pinA"/> of <paramref name="bankA"/> to pin <paramref name="pinB"/> of
    /// <paramref name="bankB"/>, e.g. bank0 output 4 looped to bank0 input 5. Levels settle at once.
    /// </summary>
    public GpioWire Connect(SimulatedGpioBank bankA, int pinA, SimulatedGpioBank bankB, int pinB)
    {
        ArgumentNullException.ThrowIfNull(bankA);
        ArgumentNullException.ThrowIfNull(bankB);
        if (bankA.Wiring != this || bankB.Wiring != this)
        {
            throw new ArgumentException("Both banks must have been created on this wiring.");
        }

        bankA.CheckPin(pinA, nameof(pinA));
        bankB.CheckPin(pinB, nameof(pinB));
        if (bankA == bankB && pinA == pinB)
        {
            throw new ArgumentException("A wire needs two different pins.");
        }

        var wire = new GpioWire(bankA, pinA, bankB, pinB);
        List<PendingEdges>? pending;
        lock (Gate)
        {
            _wires.Add(wire);
            pending = SettleLocked();
        }

        Dispatch(pending);
        return wire;
    }

    /// <summary>Removes a wire made by <see cref="Connect"/>; the freed inputs fall back to their pulls.</summary>
    public bool Disconnect(GpioWire wire)
    {
        List<PendingEdges>? pending;
        bool removed;
        lock (Gate)
        {
            removed = _wires.Remove(wire);
            pending = SettleLocked();
        }

        Dispatch(pending);
        return removed;
    }

    internal void Register(SimulatedGpioBank bank)
    {
        lock (Gate)
        {
            _banks.Add(bank);
        }
    }

    /// <summary>
    /// Recomputes every wire's drive and every bank's levels; returns the edges to report, or null when there are
    /// none (the common case, which then allocates nothing).
    /// </summary>
    internal List<PendingEdges>? SettleLocked()
    {
        foreach (var bank in _banks)
        {
            bank.ClearWireDriveLocked();
        }

        foreach (var wire in _wires)
        {
            bool aOut = wire.BankA.IsOutputLocked(wire.PinA);
            bool bOut = wire.BankB.IsOutputLocked(wire.PinB);
            if (aOut && !bOut)
            {
                wire.BankB.WireDriveLocked(wire.PinB, wire.BankA.LatchBitLocked(wire.PinA));
            }
            else if (bOut && !aOut)
            {
                wire.BankA.WireDriveLocked(wire.PinA, wire.BankB.LatchBitLocked(wire.PinB));
            }
        }

        List<PendingEdges>? pending = null;
        foreach (var bank in _banks)
        {
            bank.UpdateLevelsLocked(out uint rising, out uint falling);
            if ((rising | falling) != 0)
            {
                pending ??= new List<PendingEdges>();
                pending.Add(new PendingEdges(bank, rising, falling));
            }
        }

        return pending;
    }

    internal static void Dispatch(List<PendingEdges>? pending)
    {
        if (pending == null)
        {
            return;
        }

        foreach (var p in pending)
        {
            p.Bank.RaiseEdges(p.Rising, p.Falling);
        }
    }

    internal readonly record struct PendingEdges(SimulatedGpioBank Bank, uint Rising, uint Falling);
}
