namespace Gateway.Protocol.Link
{
    /// <summary>
    /// CRC-32 (IEEE 802.3: reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF), the check
    /// of every link frame. Check value: "123456789" → 0xCBF43926. Table-driven; the 1 KiB table is built once.
    /// </summary>
    public static class Crc32
    {
        /// <summary>The reflected IEEE polynomial.</summary>
        public const uint Polynomial = 0xEDB88320;

        /// <summary>The value of <see cref="Compute"/> over the ASCII bytes "123456789".</summary>
        public const uint CheckValue = 0xCBF43926;

        private const uint InitialValue = 0xFFFFFFFF;
        private const uint FinalXor = 0xFFFFFFFF;

        private static readonly uint[] Table = BuildTable();

        /// <summary>The CRC-32 of <paramref name="count"/> bytes at <paramref name="offset"/>.</summary>
        public static uint Compute(byte[] data, int offset, int count)
        {
            return Finish(Update(Start(), data, offset, count));
        }

        /// <summary>The running value before any byte (for checks computed piece by piece).</summary>
        public static uint Start()
        {
            return InitialValue;
        }

        /// <summary>Feeds <paramref name="count"/> bytes into a running value from <see cref="Start"/>.</summary>
        public static uint Update(uint running, byte[] data, int offset, int count)
        {
            uint crc = running;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc = Table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
            }

            return crc;
        }

        /// <summary>The CRC of a running value.</summary>
        public static uint Finish(uint running)
        {
            return running ^ FinalXor;
        }

        private static uint[] BuildTable()
        {
            uint[] table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}
