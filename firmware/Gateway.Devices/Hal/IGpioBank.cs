namespace Gateway.Devices.Hal
{
    /// <summary>
    /// A bank of up to 32 GPIO pins as mask/value operations (hal.md). Bit n of every mask is
    /// bank pin n; which physical pin that is belongs to the board (<c>boards/</c>), never to this contract.
    /// There are no registers here: the GPIO register file (latch, set/clear/toggle, latched edge status,
    /// counters) is the device region's job, built on these verbs.
    /// </summary>
    /// <remarks>
    /// Bits outside <see cref="PresentPins"/> are ignored on input and read as 0.
    /// The verbs are synchronous and cheap; they never allocate in the steady state.
    /// Pin levels: an output reads back its driven level; an undriven input reads its pull
    /// (pull-up 1, pull-down or none 0 on the simulator; floating on real hardware).
    /// </remarks>
    public interface IGpioBank
    {
        /// <summary>Number of pins the bank spans (1–32): pins 0 … PinCount−1.</summary>
        int PinCount { get; }

        /// <summary>Mask of the pins that exist on this board (a bank may have holes).</summary>
        uint PresentPins { get; }

        /// <summary>Current levels of all present pins, inputs and outputs alike (bit n = pin n is high).</summary>
        uint ReadInputs();

        /// <summary>
        /// Sets the output latch of the pins in <paramref name="mask"/> to the matching bits of
        /// <paramref name="values"/>. Pins that are inputs keep the latched value and drive it once they
        /// become outputs.
        /// </summary>
        void WriteOutputs(uint mask, uint values);

        /// <summary>
        /// Makes the pins in <paramref name="mask"/> outputs where <paramref name="outputs"/> has a 1 and
        /// inputs where it has a 0. A new output drives its latched value at once.
        /// </summary>
        void SetDirections(uint mask, uint outputs);

        /// <summary>
        /// Sets the bias of the pins in <paramref name="mask"/>: pull-up where <paramref name="pullUps"/> has
        /// a 1, else pull-down where <paramref name="pullDowns"/> has a 1, else none (pull-up wins when both).
        /// </summary>
        void SetPulls(uint mask, uint pullUps, uint pullDowns);

        /// <summary>
        /// Replaces the edge-detection setup of the whole bank: detect rising edges on the pins of
        /// <paramref name="risingPins"/> and falling edges on those of <paramref name="fallingPins"/>;
        /// every other pin detects nothing. Detection applies to input pins.
        /// </summary>
        void EnableEdges(uint risingPins, uint fallingPins);

        /// <summary>Raised for edges on pins with detection enabled, on any thread (see <see cref="GpioEdgeHandler"/>).</summary>
        event GpioEdgeHandler EdgeDetected;
    }
}
