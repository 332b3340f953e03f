namespace Gateway.Devices.Hal
{
    /// <summary>
    /// The argument checks every <see cref="ISpiBus"/> implementation makes before touching hardware,
    /// in one place so the three implementations answer alike.
    /// </summary>
    public static class SpiTransferCheck
    {
        /// <summary>Highest SPI mode (CPOL=1, CPHA=1).</summary>
        public const int MaxMode = 3;

        /// <summary>
        /// Returns <see cref="SpiResult.Done"/> when the arguments are well-formed for a bus with
        /// <paramref name="chipSelectCount"/> chip selects, else <see cref="SpiResult.NoSuchChipSelect"/> or
        /// <see cref="SpiResult.InvalidTransfer"/> as <see cref="ISpiBus.Transfer"/> documents. Word sizes
        /// 8, 16 and 32 pass here; a controller with fewer refuses the rest itself.
        /// </summary>
        public static SpiResult Validate(int chipSelectCount, int chipSelect, int mode, int clockHz, int wordBits,
            byte[] tx, int txOffset, byte[] rx, int rxOffset, int count)
        {
            if (chipSelect < 0 || chipSelect >= chipSelectCount)
            {
                return SpiResult.NoSuchChipSelect;
            }

            if (mode < 0 || mode > MaxMode || clockHz <= 0)
            {
                return SpiResult.InvalidTransfer;
            }

            if (wordBits != 8 && wordBits != 16 && wordBits != 32)
            {
                return SpiResult.InvalidTransfer;
            }

            if (count < 0 || count % (wordBits / 8) != 0)
            {
                return SpiResult.InvalidTransfer;
            }

            if (!InRange(tx, txOffset, count) || !InRange(rx, rxOffset, count))
            {
                return SpiResult.InvalidTransfer;
            }

            return SpiResult.Done;
        }

        private static bool InRange(byte[] buffer, int offset, int count)
        {
            return buffer != null && offset >= 0 && offset <= buffer.Length && count <= buffer.Length - offset;
        }
    }
}
