namespace Gateway.Devices.Hal
{
    /// <summary>
    /// An SPI controller with one or more chip selects (hal.md). One call is one transaction:
    /// the chip select is asserted, <c>count</c> bytes are clocked out of <c>tx</c> while as many are clocked
    /// into <c>rx</c> (full duplex), and the chip select is released. Which pins the bus and its chip
    /// selects use belongs to the board (<c>boards/</c>).
    /// </summary>
    /// <remarks>
    /// Words wider than 8 bits are stored little-endian in the buffers and go out most-significant bit
    /// first, as Linux spidev and the ESP32 driver do; <c>count</c> is in bytes and must be a multiple of
    /// the word size. <c>rx</c> may be the same array as <c>tx</c> at the same offset, but the two ranges
    /// must not otherwise overlap. A transfer of 0 bytes succeeds without touching the bus.
    /// </remarks>
    public interface ISpiBus
    {
        /// <summary>Number of chip selects (0 … ChipSelectCount−1).</summary>
        int ChipSelectCount { get; }

        /// <summary>
        /// Runs one full-duplex transfer. Returns <see cref="SpiResult.Done"/>; <see cref="SpiResult.NoSuchChipSelect"/>
        /// for a chip select out of range; <see cref="SpiResult.InvalidTransfer"/> for a mode outside 0–3, a clock of
        /// 0 or less, a word size other than 8/16/32, a count that is not a multiple of the word size, or a buffer
        /// range outside its array; <see cref="SpiResult.UnsupportedWordSize"/> for a word size this controller
        /// lacks; <see cref="SpiResult.ControllerFailed"/> when the controller failed. Never throws for those.
        /// </summary>
        /// <param name="chipSelect">Chip select index of this bus.</param>
        /// <param name="mode">SPI mode 0–3 (bit 1 CPOL, bit 0 CPHA).</param>
        /// <param name="clockHz">Maximum SCLK frequency in Hz; the controller may run slower.</param>
        /// <param name="wordBits">Bits per word: 8 always; 16 and 32 where the controller supports them.</param>
        SpiResult Transfer(int chipSelect, int mode, int clockHz, int wordBits,
            byte[] tx, int txOffset, byte[] rx, int rxOffset, int count);
    }
}
