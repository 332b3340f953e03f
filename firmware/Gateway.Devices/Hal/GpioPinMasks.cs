using System;

namespace Gateway.Devices.Hal
{
    /// <summary>
    /// The <see cref="IGpioBank"/> bookkeeping of a bank driven pin by pin through a GPIO controller (the ESP32's
    /// nanoFramework GpioController, the Pi's controller banks): which controller pin is bank pin n, the masks of
    /// outputs, latch, pulls and edge detection as the contract defines them, and which pins changed so that the
    /// adapter sets their mode, drives them or (un)subscribes them. The controller calls stay in the adapter.
    /// Not thread-safe: the adapter calls it under its own lock.
    /// </summary>
    public sealed class GpioPinMasks
    {
        private readonly int[] pins;
        private readonly uint present;
        private uint outputs;
        private uint latch;
        private uint pullUps;
        private uint pullDowns;
        private uint rising;
        private uint falling;
        private uint subscribed;

        /// <summary>Bank pin n is controller pin <c>pins[n]</c>, −1 for an absent pin; 1 to 32 pins (copied).</summary>
        public GpioPinMasks(int[] pins)
        {
            if (pins == null)
            {
                throw new ArgumentNullException("pins");
            }

            if (pins.Length < 1 || pins.Length > 32)
            {
                throw new ArgumentException("A bank has 1 to 32 pins.", "pins");
            }

            this.pins = new int[pins.Length];
            Array.Copy(pins, this.pins, pins.Length);
            for (int pin = 0; pin < pins.Length; pin++)
            {
                if (pins[pin] >= 0)
                {
                    present |= 1u << pin;
                }
            }
        }

        public int PinCount
        {
            get { return pins.Length; }
        }

        public uint PresentPins
        {
            get { return present; }
        }

        /// <summary>The output pins.</summary>
        public uint Outputs
        {
            get { return outputs; }
        }

        /// <summary>The pins whose edge callback the adapter holds (<see cref="MarkSubscribed"/>).</summary>
        public uint Subscribed
        {
            get { return subscribed; }
        }

        /// <summary>The controller pin of bank pin <paramref name="pin"/> (−1 when absent).</summary>
        public int ControllerPin(int pin)
        {
            return pins[pin];
        }

        /// <summary>The bank pin of controller pin <paramref name="controllerPin"/>, or −1 when the bank has no such pin.</summary>
        public int PinOf(int controllerPin)
        {
            // A loop, not Array.IndexOf: nanoFramework's takes an object and would box the pin on every edge.
            for (int pin = 0; controllerPin >= 0 && pin < pins.Length; pin++)
            {
                if (pins[pin] == controllerPin)
                {
                    return pin;
                }
            }

            return -1;
        }

        /// <summary>Latches <paramref name="values"/> on the present pins of <paramref name="mask"/>; returns the outputs among them, to drive.</summary>
        public uint SetLatch(uint mask, uint values)
        {
            mask &= present;
            latch = (latch & ~mask) | (values & mask);
            return mask & outputs;
        }

        /// <summary>
        /// Makes the present pins of <paramref name="mask"/> outputs or inputs; returns them, to set their mode
        /// (<see cref="ModeOf"/>) and then drive those that are outputs now (a new output drives its latch at once).
        /// </summary>
        public uint SetDirections(uint mask, uint outputs)
        {
            mask &= present;
            this.outputs = (this.outputs & ~mask) | (outputs & mask);
            return mask;
        }

        /// <summary>
        /// Pulls of the present pins of <paramref name="mask"/>, pull-up winning over pull-down; returns the inputs
        /// among them, whose mode changes now (an output keeps its pull for when it is an input again).
        /// </summary>
        public uint SetPulls(uint mask, uint pullUps, uint pullDowns)
        {
            mask &= present;
            uint up = pullUps & mask;
            this.pullUps = (this.pullUps & ~mask) | up;
            this.pullDowns = (this.pullDowns & ~mask) | (pullDowns & mask & ~up);
            return mask & ~outputs;
        }

        /// <summary>Replaces the edge detection of the bank; returns the pins that want a callback (rising or falling).</summary>
        public uint SetEdges(uint risingPins, uint fallingPins)
        {
            rising = risingPins & present;
            falling = fallingPins & present;
            return rising | falling;
        }

        /// <summary>Records that the adapter now holds (or no longer holds) the edge callback of bank pin <paramref name="pin"/>.</summary>
        public void MarkSubscribed(int pin, bool held)
        {
            uint bit = 1u << pin;
            subscribed = held ? subscribed | bit : subscribed & ~bit;
        }

        /// <summary>The mode bank pin <paramref name="pin"/> is to be in: output, else input with its pull.</summary>
        public GpioPinMode ModeOf(int pin)
        {
            uint bit = 1u << pin;
            if ((outputs & bit) != 0)
            {
                return GpioPinMode.Output;
            }

            if ((pullUps & bit) != 0)
            {
                return GpioPinMode.InputPullUp;
            }

            return (pullDowns & bit) != 0 ? GpioPinMode.InputPullDown : GpioPinMode.Input;
        }

        /// <summary>The latched level of bank pin <paramref name="pin"/> (what it drives as an output).</summary>
        public bool LatchHigh(int pin)
        {
            return (latch & (1u << pin)) != 0;
        }

        /// <summary>
        /// The edges to report for a change of bank pin <paramref name="pin"/>: those with detection enabled, on an
        /// input (an output's own changes are not edges). False when there is nothing to report.
        /// </summary>
        public bool EdgesOf(int pin, bool rose, bool fell, out uint risingPins, out uint fallingPins)
        {
            uint bit = 1u << pin;
            risingPins = 0;
            fallingPins = 0;
            if ((outputs & bit) != 0)
            {
                return false;
            }

            if (rose)
            {
                risingPins = rising & bit;
            }

            if (fell)
            {
                fallingPins = falling & bit;
            }

            return (risingPins | fallingPins) != 0;
        }
    }
}
