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
    private readonly GpioController _controller;
    private readonly bool _ownsController;
    private readonly int[] _pins;
    private readonly PinValuePair[] _readPairs;
    private readonly PinValuePair[] _writePairs;
    private readonly int[] _bankPinOfRead;
    private readonly object _gate = new();
    private readonly PinChangeEventHandler _onPinChanged;

    private uint _outputs;
    private uint _latch;
    private uint _pullUps;
    private uint _pullDowns;
    private uint _rising;
    private uint _falling;
    private uint _subscribed;
    private uint _unsupportedPulls;
    private bool _edgesSupported = true;

    public ControllerGpioBank(GpioController controller, int[] pins, bool ownsController = false)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(pins);
        if (pins.Length < 1 || pins.Length > 32)
        {
            throw new ArgumentException("A bank has 1 to 32 pins.", nameof(pins));
        }

        _controller = controller;
        _ownsController = ownsController;
        _pins = (int[])pins.Clone();
        _onPinChanged = OnPinChanged;
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

        _readPairs = new PinValuePair[present];
        _writePairs = new PinValuePair[present];
        _bankPinOfRead = new int[present];
        int n = 0;
        for (int pin = 0; pin < pins.Length; pin++)
        {
            if (pins[pin] >= 0)
            {
                controller.OpenPin(pins[pin], PinMode.Input);
                _bankPinOfRead[n] = pin;
                _readPairs[n++] = new PinValuePair(pins[pin], PinValue.Low);
            }
        }
    }

    public int PinCount { get; }

    public uint PresentPins { get; }

    /// <summary>False once the driver refused edge callbacks: this bank then reports no edges.</summary>
    public bool EdgesSupported
    {
        get { lock (_gate) { return _edgesSupported; } }
    }

    /// <summary>Pins whose requested pull the driver lacks (they are plain inputs).</summary>
    public uint UnsupportedPulls
    {
        get { lock (_gate) { return _unsupportedPulls; } }
    }

    public event GpioEdgeHandler? EdgeDetected;

    public uint ReadInputs()
    {
        lock (_gate)
        {
            _controller.Read(_readPairs);
            uint levels = 0;
            for (int i = 0; i < _readPairs.Length; i++)
            {
                if (_readPairs[i].PinValue == PinValue.High)
                {
                    levels |= 1u << _bankPinOfRead[i];
                }
            }

            return levels;
        }
    }

    public void WriteOutputs(uint mask, uint values)
    {
        lock (_gate)
        {
            mask &= PresentPins;
            _latch = (_latch & ~mask) | (values & mask);
            Drive(mask & _outputs);
        }
    }

    public void SetDirections(uint mask, uint outputs)
    {
        lock (_gate)
        {
            mask &= PresentPins;
            _outputs = (_outputs & ~mask) | (outputs & mask);
            ApplyModes(mask);
            Drive(mask & _outputs);
        }
    }

    public void SetPulls(uint mask, uint pullUps, uint pullDowns)
    {
        lock (_gate)
        {
            mask &= PresentPins;
            uint up = pullUps & mask;
            _pullUps = (_pullUps & ~mask) | up;
            _pullDowns = (_pullDowns & ~mask) | (pullDowns & mask & ~up);
            ApplyModes(mask & ~_outputs);
        }
    }

    public void EnableEdges(uint risingPins, uint fallingPins)
    {
        lock (_gate)
        {
            _rising = risingPins & PresentPins;
            _falling = fallingPins & PresentPins;
            if (!_edgesSupported)
            {
                return;
            }

            uint wanted = _rising | _falling;
            for (int pin = 0; pin < _pins.Length; pin++)
            {
                uint bit = 1u << pin;
                try
                {
                    if ((wanted & bit) != 0 && (_subscribed & bit) == 0)
                    {
                        _controller.RegisterCallbackForPinValueChangedEvent(_pins[pin], PinEventTypes.Rising | PinEventTypes.Falling, _onPinChanged);
                        _subscribed |= bit;
                    }
                    else if ((wanted & bit) == 0 && (_subscribed & bit) != 0)
                    {
                        _controller.UnregisterCallbackForPinValueChangedEvent(_pins[pin], _onPinChanged);
                        _subscribed &= ~bit;
                    }
                }
                catch (Exception e) when (e is NotSupportedException or NotImplementedException or InvalidOperationException)
                {
                    // A driver without interrupts (or without its interrupt line wired): no edges from this bank.
                    _edgesSupported = false;
                    return;
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            for (int pin = 0; pin < _pins.Length; pin++)
            {
                if ((_subscribed & (1u << pin)) != 0)
                {
                    _controller.UnregisterCallbackForPinValueChangedEvent(_pins[pin], _onPinChanged);
                }
            }

            _subscribed = 0;
        }

        if (_ownsController)
        {
            _controller.Dispose();
        }
    }

    private void ApplyModes(uint pins)
    {
        for (int pin = 0; pin < _pins.Length; pin++)
        {
            uint bit = 1u << pin;
            if ((pins & bit) == 0)
            {
                continue;
            }

            PinMode mode = (_outputs & bit) != 0 ? PinMode.Output
                : (_pullUps & bit) != 0 ? PinMode.InputPullUp
                : (_pullDowns & bit) != 0 ? PinMode.InputPullDown
                : PinMode.Input;
            _unsupportedPulls &= ~bit;
            if (!_controller.IsPinModeSupported(_pins[pin], mode))
            {
                if (mode == PinMode.Output)
                {
                    throw new InvalidOperationException($"pin {_pins[pin]} of this driver cannot be an output");
                }

                _unsupportedPulls |= bit;
                mode = PinMode.Input;
            }

            _controller.SetPinMode(_pins[pin], mode);
        }
    }

    private void Drive(uint pins)
    {
        int n = 0;
        for (int pin = 0; pin < _pins.Length; pin++)
        {
            uint bit = 1u << pin;
            if ((pins & bit) != 0)
            {
                _writePairs[n++] = new PinValuePair(_pins[pin], (_latch & bit) != 0 ? PinValue.High : PinValue.Low);
            }
        }

        if (n > 0)
        {
            _controller.Write(new ReadOnlySpan<PinValuePair>(_writePairs, 0, n));
        }
    }

    private void OnPinChanged(object sender, PinValueChangedEventArgs e)
    {
        int pin = Array.IndexOf(_pins, e.PinNumber);
        if (pin < 0)
        {
            return;
        }

        uint bit = 1u << pin;
        uint rising = 0;
        uint falling = 0;
        lock (_gate)
        {
            if ((_outputs & bit) != 0)
            {
                return;
            }

            if ((e.ChangeType & PinEventTypes.Rising) != 0 && (_rising & bit) != 0)
            {
                rising = bit;
            }

            if ((e.ChangeType & PinEventTypes.Falling) != 0 && (_falling & bit) != 0)
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
