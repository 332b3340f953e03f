namespace Gateway.Devices.Hal
{
    /// <summary>The mode a pin of a <see cref="GpioPinMasks"/> bank is in: what a GPIO controller's pin mode is set to.</summary>
    public enum GpioPinMode
    {
        Input = 0,
        InputPullUp = 1,
        InputPullDown = 2,
        Output = 3,
    }
}
