namespace Gateway.Devices.Boards
{
    /// <summary>
    /// The bytes of the board's built-in files: /fw/bin images and the starting files of /data. Deterministic,
    /// so a harness can check what it pages in. The board serves /fw/bin through <see cref="PatternContent"/> and
    /// <see cref="CrcTableContent"/>, which produce the same bytes on read; <see cref="Blink"/> and
    /// <see cref="Table"/> are the whole images, for the desktop and the tests.
    /// </summary>
    public static class FirmwareImages
    {
        public const int BlinkSize = 6144;
        public const uint BlinkSeed = 0x424C4E4B;
        public const int TableSize = 4096;

        /// <summary>/fw/bin/blink: an ELF-like header then a deterministic pseudo-random body (1.5 pages).</summary>
        public static byte[] Blink()
        {
            byte[] b = Pattern(BlinkSize, BlinkSeed);
            b[0] = 0x7F;
            b[1] = (byte)'E';
            b[2] = (byte)'L';
            b[3] = (byte)'F';
            return b;
        }

        /// <summary>/fw/bin/table.bin: the CRC-32 (IEEE, reflected 0xEDB88320) table as 256 little-endian words, repeated.</summary>
        public static byte[] Table()
        {
            byte[] b = new byte[TableSize];
            for (int i = 0; i < TableSize / 4; i++)
            {
                uint c = (uint)(i & 0xFF);
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                }

                b[4 * i] = (byte)c;
                b[(4 * i) + 1] = (byte)(c >> 8);
                b[(4 * i) + 2] = (byte)(c >> 16);
                b[(4 * i) + 3] = (byte)(c >> 24);
            }

            return b;
        }

        /// <summary>A deterministic byte pattern (xorshift32 from <paramref name="seed"/>).</summary>
        public static byte[] Pattern(int size, uint seed)
        {
            byte[] b = new byte[size];
            uint x = seed == 0 ? 1u : seed;
            for (int i = 0; i < size; i++)
            {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                b[i] = (byte)x;
            }

            return b;
        }

        /// <summary>/data/notes.txt: readable text, padded with newlines to <paramref name="size"/> bytes.</summary>
        public static byte[] Notes(int size)
        {
            string text = "Gateway board notes.\nThis file lives in /data, a RAM file system that starts afresh at every boot.\n";
            byte[] b = new byte[size];
            for (int i = 0; i < size; i++)
            {
                b[i] = i < text.Length ? (byte)text[i] : (byte)'\n';
            }

            return b;
        }
    }
}
