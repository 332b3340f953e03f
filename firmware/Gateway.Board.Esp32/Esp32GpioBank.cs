using System.Device.Gpio;
using Gateway.Devices.Hal;

namespace Gateway.Board.Esp32
{
    /// <summary>
    /// A GPIO bank of ESP32 pins through nanoFramework's GpioController: bank pin n is ESP32 GPIO
    /// <c>gpios[n]</c> (−1 for an absent pin). Only the controller's by-number calls are used (OpenPin, SetPinMode,
    /// Read, Write, Register/UnregisterCallbackForPinValueChangedEvent), which have the same shape in
    /// nanoFramework's System.Device.Gpio and in .NET's: CI runs this very file over a simulated GpioDriver
    /// (tests/Gateway.Board.Tests/Esp32). Edges come from the pin interrupts (dispatched by
    /// nanoFramework.Runtime.Events); a pin's callback is registered only while detection is enabled on it.
    /// Pins start as inputs without pulls; pulls apply to inputs (PinMode has no pulled push-pull output).
    /// </summary>
    public sealed class Esp32GpioBank : IGpioBank
    {
        private readonly GpioController _controller;
        private readonly int[] _gpios;
        private readonly object _gate = new object();
        private readonly PinChangeEventHandler _onPinChanged;

        private uint _outputs;
        private uint _latch;
        private uint _pullUps;
        private uint _pullDowns;
        private uint _rising;
        private uint _falling;
        private uint _subscribed;

        public Esp32GpioBank(GpioController controller, int[] gpios)
        {
            _controller = controller;
            _gpios = gpios;
            _onPinChanged = OnPinChanged;
            PinCount = gpios.Length;
            for (int pin = 0; pin < gpios.Length; pin++)
            {
                if (gpios[pin] >= 0)
                {
                    controller.OpenPin(gpios[pin], PinMode.Input);
                    PresentPins |= 1u << pin;
                }
            }
        }

        public int PinCount { get; }

        public uint PresentPins { get; }

        public event GpioEdgeHandler EdgeDetected;

        public uint ReadInputs()
        {
            uint levels = 0;
            for (int pin = 0; pin < _gpios.Length; pin++)
            {
                if (_gpios[pin] >= 0 && _controller.Read(_gpios[pin]) == PinValue.High)
                {
                    levels |= 1u << pin;
                }
            }

            return levels;
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
                uint wanted = _rising | _falling;
                for (int pin = 0; pin < _gpios.Length; pin++)
                {
                    uint bit = 1u << pin;
                    if ((wanted & bit) != 0 && (_subscribed & bit) == 0)
                    {
                        // Both edges always: which ones are reported is decided in OnPinChanged under the lock.
                        _controller.RegisterCallbackForPinValueChangedEvent(_gpios[pin], PinEventTypes.Rising | PinEventTypes.Falling, _onPinChanged);
                        _subscribed |= bit;
                    }
                    else if ((wanted & bit) == 0 && (_subscribed & bit) != 0)
                    {
                        _controller.UnregisterCallbackForPinValueChangedEvent(_gpios[pin], _onPinChanged);
                        _subscribed &= ~bit;
                    }
                }
            }
        }

        private void ApplyModes(uint pins)
        {
            for (int pin = 0; pin < _gpios.Length; pin++)
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
                _controller.SetPinMode(_gpios[pin], mode);
            }
        }

        private void Drive(uint pins)
        {
            for (int pin = 0; pin < _gpios.Length; pin++)
            {
                uint bit = 1u << pin;
                if ((pins & bit) != 0)
                {
                    _controller.Write(_gpios[pin], (_latch & bit) != 0 ? PinValue.High : PinValue.Low);
                }
            }
        }

        private void OnPinChanged(object sender, PinValueChangedEventArgs e)
        {
            int pin = PinOf(e.PinNumber);
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

            GpioEdgeHandler handler = EdgeDetected;
            if ((rising | falling) != 0 && handler != null)
            {
                handler(rising, falling);
            }
        }

        private int PinOf(int gpio)
        {
            for (int pin = 0; pin < _gpios.Length; pin++)
            {
                if (_gpios[pin] == gpio)
                {
                    return pin;
                }
            }

            return -1;
        }
    }
}
