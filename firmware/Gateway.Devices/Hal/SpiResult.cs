namespace Gateway.Devices.Hal
{
    /// <summary>
    /// How one <see cref="ISpiBus.Transfer"/> ended. The HAL speaks no QNX: the SPI control region turns this into
    /// the errno its ERROR register shows, in one place (<c>Registers.SpiErrno</c>, hardware-docs/hal.md).
    /// </summary>
    public enum SpiResult
    {
        /// <summary>The transfer ran (or had 0 bytes and did not touch the bus).</summary>
        Done = 0,

        /// <summary>The chip select is outside 0 … ChipSelectCount−1; nothing was touched.</summary>
        NoSuchChipSelect = 1,

        /// <summary>
        /// Mode outside 0–3, a clock of 0 or less, a word size other than 8/16/32, a count that is not a multiple of
        /// the word size, or a buffer range outside its array; nothing was touched.
        /// </summary>
        InvalidTransfer = 2,

        /// <summary>A word size the controller does not have (16 or 32 bits on an 8-bit-only controller).</summary>
        UnsupportedWordSize = 3,

        /// <summary>The controller or its driver failed; <c>rx</c> may hold part of a transfer.</summary>
        ControllerFailed = 4,
    }
}
