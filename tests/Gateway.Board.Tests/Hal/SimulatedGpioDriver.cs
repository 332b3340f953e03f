using System;
using System.Collections.Generic;
using System.Device.Gpio;
using System.Threading;

namespace Gateway.Board.Tests.Hal;

/// <summary>
/// A System.Device.Gpio driver over simulated lines, for running GpioController-based banks (the ESP32 adapter
/// compiled for .NET, the Pi's controller bank) through the HAL contracts without hardware. Lines are joined by
/// wires (<see cref="Connect"/>): an input reads the output that drives it, else its pull (no pull reads low).
/// Every change of a line's level is reported to the callbacks registered for that edge, synchronously on the
/// thread that caused it, as a GPIO interrupt would. Pin modes: Input, InputPullUp, InputPullDown, Output.
/// </summary>
public sealed class SimulatedGpioDriver : GpioDriver
{
    private sealed class Line
    {
        public PinMode Mode = PinMode.Input;
        public bool Latch;
        public readonly List<(PinEventTypes Types, PinChangeEventHandler Callback)> Callbacks = new();
    }

    private readonly int pinCount;
    private readonly Dictionary<int, Line> open = new();
    private readonly Dictionary<int, int> drivenBy = new();
    private readonly object gate = new();

    private readonly bool pullDown;
    private readonly bool events;

    /// <param name="pinCount">Pins 0 … pinCount−1.</param>
    /// <param name="pullDown">Whether InputPullDown exists (an MCP23xxx has pull-ups only).</param>
    /// <param name="events">Whether edge callbacks exist (a PCF857x has none: registering throws NotSupportedException).</param>
    public SimulatedGpioDriver(int pinCount, bool pullDown = true, bool events = true)
    {
        this.pinCount = pinCount;
        this.pullDown = pullDown;
        this.events = events;
    }

    /// <summary>Driver calls that touched pin levels: one per single-pin Read/Write, one per batch (a bus transaction each on an expander).</summary>
    public int Transactions;

    protected override int PinCount => pinCount;

    /// <summary>A wire from <paramref name="source"/> to <paramref name="sink"/>: the sink reads the source while the source is an output.</summary>
    public void Connect(int source, int sink) => drivenBy[sink] = source;

    protected override void OpenPin(int pinNumber)
    {
        lock (gate)
        {
            if (pinNumber < 0 || pinNumber >= pinCount)
            {
                throw new ArgumentOutOfRangeException(nameof(pinNumber));
            }

            open.TryAdd(pinNumber, new Line());
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        lock (gate)
        {
            open.Remove(pinNumber);
        }
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        mode is PinMode.Input or PinMode.InputPullUp or PinMode.Output || (mode == PinMode.InputPullDown && pullDown);

    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (gate)
        {
            return LineOf(pinNumber).Mode;
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        if (!IsPinModeSupported(pinNumber, mode))
        {
            throw new InvalidOperationException($"pin {pinNumber}: mode {mode} is not supported");
        }

        Change(() => LineOf(pinNumber).Mode = mode);
    }

    protected override PinValue Read(int pinNumber)
    {
        lock (gate)
        {
            Transactions++;
            LineOf(pinNumber);
            return Level(pinNumber) ? PinValue.High : PinValue.Low;
        }
    }

    protected override void Read(Span<PinValuePair> pinValuePairs)
    {
        lock (gate)
        {
            Transactions++;
            for (int i = 0; i < pinValuePairs.Length; i++)
            {
                int pin = pinValuePairs[i].PinNumber;
                LineOf(pin);
                pinValuePairs[i] = new PinValuePair(pin, Level(pin) ? PinValue.High : PinValue.Low);
            }
        }
    }

    protected override void Write(int pinNumber, PinValue value)
    {
        Interlocked.Increment(ref Transactions);
        Change(() => LineOf(pinNumber).Latch = value == PinValue.High);
    }

    protected override void Write(ReadOnlySpan<PinValuePair> pinValuePairs)
    {
        Interlocked.Increment(ref Transactions);
        var pairs = pinValuePairs.ToArray();
        Change(() =>
        {
            foreach (var pair in pairs)
            {
                LineOf(pair.PinNumber).Latch = pair.PinValue == PinValue.High;
            }
        });
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the simulated driver reports edges through callbacks only");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        if (!events)
        {
            throw new NotSupportedException("this driver has no edge callbacks");
        }

        lock (gate)
        {
            LineOf(pinNumber).Callbacks.Add((eventTypes, callback));
        }
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (gate)
        {
            LineOf(pinNumber).Callbacks.RemoveAll(c => c.Callback == callback);
        }
    }

    private Line LineOf(int pinNumber) =>
        open.TryGetValue(pinNumber, out var line) ? line : throw new InvalidOperationException($"pin {pinNumber} is not open");

    private bool Level(int pin)
    {
        var line = open[pin];
        if (line.Mode == PinMode.Output)
        {
            return line.Latch;
        }

        if (drivenBy.TryGetValue(pin, out int source) && open.TryGetValue(source, out var s) && s.Mode == PinMode.Output)
        {
            return s.Latch;
        }

        return line.Mode == PinMode.InputPullUp;
    }

    private void Change(Action change)
    {
        var fired = new List<(PinChangeEventHandler Callback, PinValueChangedEventArgs Args)>();
        lock (gate)
        {
            var before = new Dictionary<int, bool>();
            foreach (int pin in open.Keys)
            {
                before[pin] = Level(pin);
            }

            change();
            foreach (var (pin, line) in open)
            {
                bool now = Level(pin);
                if (now == before[pin])
                {
                    continue;
                }

                PinEventTypes edge = now ? PinEventTypes.Rising : PinEventTypes.Falling;
                foreach (var (types, callback) in line.Callbacks)
                {
                    if ((types & edge) != 0)
                    {
                        fired.Add((callback, new PinValueChangedEventArgs(edge, pin)));
                    }
                }
            }
        }

        // Outside the driver's lock, as an interrupt handler runs outside the caller's.
        foreach (var (callback, args) in fired)
        {
            callback(this, args);
        }
    }
}
