namespace Gateway.Devices.Hal
{
    /// <summary>
    /// Edges seen on a GPIO bank: bit n of <paramref name="risingPins"/> is set when bank pin n went from 0 to 1,
    /// bit n of <paramref name="fallingPins"/> when it went from 1 to 0 (a pin may appear in both when it
    /// pulsed between two reports). Only pins with detection enabled for that edge are reported.
    /// Called on any thread (an interrupt dispatcher, an event reader, or the thread that changed a
    /// simulated level); the handler must be quick and must not call back into the bank's edge setup.
    /// </summary>
    public delegate void GpioEdgeHandler(uint risingPins, uint fallingPins);
}
