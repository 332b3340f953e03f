using System;
using System.Device.Gpio;
using System.Numerics;
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
/// <see cref="EdgesSupported"/> false and the bank reports no edges. The masks are <see cref="GpioPinMasks"/>'s, shared with
/// the ESP32 bank. hardware-docs/hal.md, "Controller banks".
/// </remarks>
public sealed class ControllerGpioBank : IGpioBank, IDisposable
{
    private readonly GpioController controller;
    private readonly bool ownsController;
    private readonly GpioPinMasks masks;
    private readonly PinValuePair[] readPairs;
    private readonly PinValuePair[] writePairs;
    private readonly int[] bankPinOfRead;
    private readonly object gate = new();
    private readonly PinChangeEventHandler onPinChanged;

    private uint unsupportedPulls;
    private bool edgesSupported = true;

    public ControllerGpioBank(GpioController controller, int[] pins, bool ownsController = false)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(pins);
        masks = new GpioPinMasks(pins);
        this.controller = controller;
        this.ownsController = ownsController;
        onPinChanged = OnPinChanged;
        int present = BitOperations.PopCount(masks.PresentPins);
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

    public int PinCount => masks.PinCount;

    public uint PresentPins => masks.PresentPins;

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
            Drive(masks.SetLatch(mask, values));
        }
    }

    public void SetDirections(uint mask, uint outputs)
    {
        lock (gate)
        {
            mask = masks.SetDirections(mask, outputs);
            ApplyModes(mask);
            Drive(mask & masks.Outputs);
        }
    }

    public void SetPulls(uint mask, uint pullUps, uint pullDowns)
    {
        lock (gate)
        {
            ApplyModes(masks.SetPulls(mask, pullUps, pullDowns));
        }
    }

    public void EnableEdges(uint risingPins, uint fallingPins)
    {
        lock (gate)
        {
            uint wanted = masks.SetEdges(risingPins, fallingPins);
            if (!edgesSupported)
            {
                return;
            }

            for (int pin = 0; pin < masks.PinCount; pin++)
            {
                uint bit = 1u << pin;
                try
                {
                    if ((wanted & bit) != 0 && (masks.Subscribed & bit) == 0)
                    {
                        this.controller.RegisterCallbackForPinValueChangedEvent(masks.ControllerPin(pin), PinEventTypes.Rising | PinEventTypes.Falling, onPinChanged);
                        masks.MarkSubscribed(pin, true);
                    }
                    else if ((wanted & bit) == 0 && (masks.Subscribed & bit) != 0)
                    {
                        this.controller.UnregisterCallbackForPinValueChangedEvent(masks.ControllerPin(pin), onPinChanged);
                        masks.MarkSubscribed(pin, false);
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
            for (int pin = 0; pin < masks.PinCount; pin++)
            {
                if ((masks.Subscribed & (1u << pin)) != 0)
                {
                    this.controller.UnregisterCallbackForPinValueChangedEvent(masks.ControllerPin(pin), onPinChanged);
                    masks.MarkSubscribed(pin, false);
                }
            }
        }

        if (this.ownsController)
        {
            this.controller.Dispose();
        }
    }

    private void ApplyModes(uint pins)
    {
        for (int pin = 0; pin < masks.PinCount; pin++)
        {
            uint bit = 1u << pin;
            if ((pins & bit) == 0)
            {
                continue;
            }

            PinMode mode = masks.ModeOf(pin) switch
            {
                GpioPinMode.Output => PinMode.Output,
                GpioPinMode.InputPullUp => PinMode.InputPullUp,
                GpioPinMode.InputPullDown => PinMode.InputPullDown,
                _ => PinMode.Input,
            };
            int controllerPin = masks.ControllerPin(pin);
            unsupportedPulls &= ~bit;
            if (!this.controller.IsPinModeSupported(controllerPin, mode))
            {
                if (mode == PinMode.Output)
                {
                    throw new InvalidOperationException($"pin {controllerPin} of this driver cannot be an output");
                }

                unsupportedPulls |= bit;
                mode = PinMode.Input;
            }

            this.controller.SetPinMode(controllerPin, mode);
        }
    }

    private void Drive(uint pins)
    {
        int n = 0;
        for (int pin = 0; pin < masks.PinCount; pin++)
        {
            if ((pins & (1u << pin)) != 0)
            {
                writePairs[n++] = new PinValuePair(masks.ControllerPin(pin), masks.LatchHigh(pin) ? PinValue.High : PinValue.Low);
            }
        }

        if (n > 0)
        {
            this.controller.Write(new ReadOnlySpan<PinValuePair>(writePairs, 0, n));
        }
    }

    private void OnPinChanged(object sender, PinValueChangedEventArgs e)
    {
        int pin = masks.PinOf(e.PinNumber);
        if (pin < 0)
        {
            return;
        }

        uint rising;
        uint falling;
        bool report;
        lock (gate)
        {
            report = masks.EdgesOf(pin, (e.ChangeType & PinEventTypes.Rising) != 0, (e.ChangeType & PinEventTypes.Falling) != 0, out rising, out falling);
        }

        if (report)
        {
            EdgeDetected?.Invoke(rising, falling);
        }
    }
}
