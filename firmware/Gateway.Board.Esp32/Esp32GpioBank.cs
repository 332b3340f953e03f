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
    /// The masks are <see cref="GpioPinMasks"/>'s, shared with the Pi's controller banks.
    /// </summary>
    public sealed class Esp32GpioBank : IGpioBank
    {
        private readonly GpioController controller;
        private readonly GpioPinMasks masks;
        private readonly object gate = new object();
        private readonly PinChangeEventHandler onPinChanged;

        public Esp32GpioBank(GpioController controller, int[] gpios)
        {
            this.controller = controller;
            masks = new GpioPinMasks(gpios);
            onPinChanged = OnPinChanged;
            for (int pin = 0; pin < masks.PinCount; pin++)
            {
                if (masks.ControllerPin(pin) >= 0)
                {
                    controller.OpenPin(masks.ControllerPin(pin), PinMode.Input);
                }
            }
        }

        public int PinCount
        {
            get { return masks.PinCount; }
        }

        public uint PresentPins
        {
            get { return masks.PresentPins; }
        }

        public event GpioEdgeHandler EdgeDetected;

        public uint ReadInputs()
        {
            uint levels = 0;
            for (int pin = 0; pin < masks.PinCount; pin++)
            {
                int gpio = masks.ControllerPin(pin);
                if (gpio >= 0 && this.controller.Read(gpio) == PinValue.High)
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
                for (int pin = 0; pin < masks.PinCount; pin++)
                {
                    uint bit = 1u << pin;
                    if ((wanted & bit) != 0 && (masks.Subscribed & bit) == 0)
                    {
                        // Both edges always: which ones are reported is decided in OnPinChanged under the lock.
                        this.controller.RegisterCallbackForPinValueChangedEvent(masks.ControllerPin(pin), PinEventTypes.Rising | PinEventTypes.Falling, onPinChanged);
                        masks.MarkSubscribed(pin, true);
                    }
                    else if ((wanted & bit) == 0 && (masks.Subscribed & bit) != 0)
                    {
                        this.controller.UnregisterCallbackForPinValueChangedEvent(masks.ControllerPin(pin), onPinChanged);
                        masks.MarkSubscribed(pin, false);
                    }
                }
            }
        }

        private void ApplyModes(uint pins)
        {
            for (int pin = 0; pin < masks.PinCount; pin++)
            {
                if ((pins & (1u << pin)) != 0)
                {
                    this.controller.SetPinMode(masks.ControllerPin(pin), ToPinMode(masks.ModeOf(pin)));
                }
            }
        }

        private static PinMode ToPinMode(GpioPinMode mode)
        {
            switch (mode)
            {
                case GpioPinMode.Output: return PinMode.Output;
                case GpioPinMode.InputPullUp: return PinMode.InputPullUp;
                case GpioPinMode.InputPullDown: return PinMode.InputPullDown;
                default: return PinMode.Input;
            }
        }

        private void Drive(uint pins)
        {
            for (int pin = 0; pin < masks.PinCount; pin++)
            {
                if ((pins & (1u << pin)) != 0)
                {
                    this.controller.Write(masks.ControllerPin(pin), masks.LatchHigh(pin) ? PinValue.High : PinValue.Low);
                }
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

            GpioEdgeHandler handler = EdgeDetected;
            if (report && handler != null)
            {
                handler(rising, falling);
            }
        }
    }
}
