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
        private readonly GpioController controller;
        private readonly int[] gpios;
        private readonly object gate = new object();
        private readonly PinChangeEventHandler onPinChanged;

        private uint outputs;
        private uint latch;
        private uint pullUps;
        private uint pullDowns;
        private uint rising;
        private uint falling;
        private uint subscribed;

        public Esp32GpioBank(GpioController controller, int[] gpios)
        {
            this.controller = controller;
            this.gpios = gpios;
            onPinChanged = OnPinChanged;
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
            for (int pin = 0; pin < this.gpios.Length; pin++)
            {
                if (this.gpios[pin] >= 0 && this.controller.Read(this.gpios[pin]) == PinValue.High)
                {
                    levels |= 1u << pin;
                }
            }

            return levels;
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
                uint wanted = this.rising | this.falling;
                for (int pin = 0; pin < this.gpios.Length; pin++)
                {
                    uint bit = 1u << pin;
                    if ((wanted & bit) != 0 && (subscribed & bit) == 0)
                    {
                        // Both edges always: which ones are reported is decided in OnPinChanged under the lock.
                        this.controller.RegisterCallbackForPinValueChangedEvent(this.gpios[pin], PinEventTypes.Rising | PinEventTypes.Falling, onPinChanged);
                        subscribed |= bit;
                    }
                    else if ((wanted & bit) == 0 && (subscribed & bit) != 0)
                    {
                        this.controller.UnregisterCallbackForPinValueChangedEvent(this.gpios[pin], onPinChanged);
                        subscribed &= ~bit;
                    }
                }
            }
        }

        private void ApplyModes(uint pins)
        {
            for (int pin = 0; pin < this.gpios.Length; pin++)
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
                this.controller.SetPinMode(this.gpios[pin], mode);
            }
        }

        private void Drive(uint pins)
        {
            for (int pin = 0; pin < this.gpios.Length; pin++)
            {
                uint bit = 1u << pin;
                if ((pins & bit) != 0)
                {
                    this.controller.Write(this.gpios[pin], (latch & bit) != 0 ? PinValue.High : PinValue.Low);
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

            GpioEdgeHandler handler = EdgeDetected;
            if ((rising | falling) != 0 && handler != null)
            {
                handler(rising, falling);
            }
        }

        private int PinOf(int gpio)
        {
            for (int pin = 0; pin < this.gpios.Length; pin++)
            {
                if (this.gpios[pin] == gpio)
                {
                    return pin;
                }
            }

            return -1;
        }
    }
}
