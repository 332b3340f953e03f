using System;
using System.Device.Gpio;
using Gateway.Devices.Hal;

namespace Gateway.Board.RaspberryPi.Gpio;

/// <summary>
/// A GPIO bank behind any System.Device.Gpio driver (a <see cref="GpioController"/>): bank pin n is the
/// controller's pin <c>pins[n]</c> (−1 for an absent pin). For the Pi's extra banks — port expanders such as the
/// MCP23017/MCP23S17 and PCF857x of Iot.Device.Bindings (<see cref="ExpanderBanks"/>), or any driver a board brings;
/// the SoC's own pins stay on <see cref="LinuxGpioBank"/>, whose multi-line reads and writes are atomic.
/// </summary>
/// <remarks>
/// Reads and writes go to the driver as one batch of pin/value pairs (<c>GpioController.Read/Write(Span)</c>), so a
/// driver that knows its ports (the MCP23xxx reads and writes each 8-pin port register once) does one bus
/// transaction per port; nothing makes several ports, or pins of different devices, change at one instant.
/// Directions and pulls are set pin by pin. A pull the driver lacks (the MCP23xxx has no pull-down, the PCF857x no
/// pulls at all) leaves the pin a plain input and is listed in <see cref="UnsupportedPulls"/>. Edges use the
/// driver's callbacks where it has them (the MCP23xxx with its interrupt line wired); a driver without them leaves
/// <see cref="EdgesSupported"/> false and the bank reports no edges. hardware-docs/hal.md, "Controller banks".
/// </remarks>
public sealed class ControllerGpioBank : IGpioBank, IDisposable
{
    private readonly GpioController controller;
    private readonly bool ownsController;
    private readonly int[] pins;
    private readonly PinValuePair[] readPairs;
    private readonly PinValuePair[] writePairs;
    private readonly int[] bankPinOfRead;
    private readonly object gate = new();
    private readonly PinChangeEventHandler onPinChanged;

    private uint outputs;
    private uint latch;
    private uint pullUps;
    private uint pullDowns;
    private uint rising;
    private uint falling;
    private uint subscribed;
    private uint unsupportedPulls;
    private bool edgesSupported = true;

    public ControllerGpioBank(GpioController controller, int[] pins, bool ownsController = false)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(pins);
        if (pins.Length < 1 || pins.Length > 32)
        {
            throw new ArgumentException("A bank has 1 to 32 pins.", nameof(pins));
        }

        this.controller = controller;
        this.ownsController = ownsController;
        this.pins = (int[])pins.Clone();
        onPinChanged = OnPinChanged;
        PinCount = pins.Length;
        int present = 0;
        for (int pin = 0; pin < pins.Length; pin++)
        {
            if (pins[pin] >= 0)
            {
                PresentPins |= 1u << pin;
                present++;
            }
        }

        readPairs = new PinValuePair[present];
        writePairs = new PinValuePair[present];
        bankPinOfRead = new int[present];
        int n = 0;
        for (int pin = 0; pin < pins.Length; pin++)
        {
            if (pins[pin] >= 0)
            {
                controller.OpenPin(pins[pin], PinMode.Input);
                bankPinOfRead[n] = pin;
                readPairs[n++] = new PinValuePair(pins[pin], PinValue.Low);
            }
        }
    }

    public int PinCount { get; }

    public uint PresentPins { get; }

    /// <summary>False once the driver refused edge callbacks: this bank then reports no edges.</summary>
    public bool EdgesSupported
    {
        get { lock (gate) { return edgesSupported; } }
    }

    /// <summary>Pins whose requested pull the driver lacks (they are plain inputs).</summary>
    public uint UnsupportedPulls
    {
        get { lock (gate) { return unsupportedPulls; } }
    }

    public event GpioEdgeHandler? EdgeDetected;

    public uint ReadInputs()
    {
        lock (gate)
        {
            this.controller.Read(readPairs);
            uint levels = 0;
            for (int i = 0; i < readPairs.Length; i++)
            {
                if (readPairs[i].PinValue == PinValue.High)
                {
                    levels |= 1u << bankPinOfRead[i];
                }
            }

            return levels;
        }
    }

    public void WriteOutputs(uint mask, uint values)
    {
        lock (gate)
        {
            mask &= PresentPins;
            latch = (latch & ~mask) | (values & mask);
            Drive(mask & this.outputs);
        }
    }

    public void SetDirections(uint mask, uint outputs)
    {
        lock (gate)
        {
            mask &= PresentPins;
            this.outputs = (this.outputs & ~mask) | (outputs & mask);
            ApplyModes(mask);
            Drive(mask & this.outputs);
        }
    }

    public void SetPulls(uint mask, uint pullUps, uint pullDowns)
    {
        lock (gate)
        {
            mask &= PresentPins;
            uint up = pullUps & mask;
            this.pullUps = (this.pullUps & ~mask) | up;
            this.pullDowns = (this.pullDowns & ~mask) | (pullDowns & mask & ~up);
            ApplyModes(mask & ~this.outputs);
        }
    }

    public void EnableEdges(uint risingPins, uint fallingPins)
    {
        lock (gate)
        {
            this.rising = risingPins & PresentPins;
            this.falling = fallingPins & PresentPins;
            if (!edgesSupported)
            {
                return;
            }

            uint wanted = this.rising | this.falling;
            for (int pin = 0; pin < this.pins.Length; pin++)
            {
                uint bit = 1u << pin;
                try
                {
                    if ((wanted & bit) != 0 && (subscribed & bit) == 0)
                    {
                        this.controller.RegisterCallbackForPinValueChangedEvent(this.pins[pin], PinEventTypes.Rising | PinEventTypes.Falling, onPinChanged);
                        subscribed |= bit;
                    }
                    else if ((wanted & bit) == 0 && (subscribed & bit) != 0)
                    {
                        this.controller.UnregisterCallbackForPinValueChangedEvent(this.pins[pin], onPinChanged);
                        subscribed &= ~bit;
                    }
                }
                catch (Exception e) when (e is NotSupportedException or NotImplementedException or InvalidOperationException)
                {
                    // A driver without interrupts (or without its interrupt line wired): no edges from this bank.
                    edgesSupported = false;
                    return;
                }
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            for (int pin = 0; pin < this.pins.Length; pin++)
            {
                if ((subscribed & (1u << pin)) != 0)
                {
                    this.controller.UnregisterCallbackForPinValueChangedEvent(this.pins[pin], onPinChanged);
                }
            }

            subscribed = 0;
        }

        if (this.ownsController)
        {
            this.controller.Dispose();
        }
    }

    private void ApplyModes(uint pins)
    {
        for (int pin = 0; pin < this.pins.Length; pin++)
        {
            uint bit = 1u << pin;
            if ((pins & bit) == 0)
            {
                continue;
            }

            PinMode mode = (this.outputs & bit) != 0 ? PinMode.Output
                : (this.pullUps & bit) != 0 ? PinMode.InputPullUp
                : (this.pullDowns & bit) != 0 ? PinMode.InputPullDown
                : PinMode.Input;
            unsupportedPulls &= ~bit;
            if (!this.controller.IsPinModeSupported(this.pins[pin], mode))
            {
                if (mode == PinMode.Output)
                {
                    throw new InvalidOperationException($"pin {this.pins[pin]} of this driver cannot be an output");
                }

                unsupportedPulls |= bit;
                mode = PinMode.Input;
            }

            this.controller.SetPinMode(this.pins[pin], mode);
        }
    }

    private void Drive(uint pins)
    {
        int n = 0;
        for (int pin = 0; pin < this.pins.Length; pin++)
        {
            uint bit = 1u << pin;
            if ((pins & bit) != 0)
            {
                writePairs[n++] = new PinValuePair(this.pins[pin], (latch & bit) != 0 ? PinValue.High : PinValue.Low);
            }
        }

        if (n > 0)
        {
            this.controller.Write(new ReadOnlySpan<PinValuePair>(writePairs, 0, n));
        }
    }

    private void OnPinChanged(object sender, PinValueChangedEventArgs e)
    {
        int pin = Array.IndexOf(this.pins, e.PinNumber);
        if (pin < 0)
        {
            return;
        }

        uint bit = 1u << pin;
        uint rising = 0;
        uint falling = 0;
        lock (gate)
        {
            if ((this.outputs & bit) != 0)
            {
                return;
            }

            if ((e.ChangeType & PinEventTypes.Rising) != 0 && (this.rising & bit) != 0)
            {
                rising = bit;
            }

            if ((e.ChangeType & PinEventTypes.Falling) != 0 && (this.falling & bit) != 0)
            {
                falling = bit;
            }
        }

        if ((rising | falling) != 0)
        {
            EdgeDetected?.Invoke(rising, falling);
        }
    }
}
