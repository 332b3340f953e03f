using Gateway.ResourceManager;

namespace Gateway.Devices.Boards
{
    /// <summary>
    /// A <see cref="FirmwareImages.Pattern"/> image produced on read (/fw/bin/blink): the xorshift32 sequence is
    /// regenerated from the state kept at every <see cref="Stride"/> bytes, so a read costs at most Stride − 1
    /// steps before its first byte plus one per byte it returns, and the board keeps 4 bytes per stride instead of
    /// the image. With <c>elfMagic</c> the first four bytes are 0x7F 'E' 'L' 'F', as <see cref="FirmwareImages.Blink"/>.
    /// </summary>
    public sealed class PatternContent : IFileContent
    {
        /// <summary>Bytes between kept generator states.</summary>
        public const int Stride = 512;

        private readonly uint[] states;
        private readonly bool elfMagic;

        public PatternContent(int size, uint seed, bool elfMagic)
        {
            this.elfMagic = elfMagic;
            states = new uint[(size + Stride - 1) / Stride + 1];
            uint x = seed == 0 ? 1u : seed;
            for (int i = 0; i < size; i++)
            {
                if (i % Stride == 0)
                {
                    states[i / Stride] = x;
                }

                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
            }
        }

        public void CopyTo(long offset, byte[] target, int targetOffset, int count)
        {
            int first = (int)offset;
            int k = first / Stride;
            uint x = states[k];
            for (int i = k * Stride; i < first; i++)
            {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
            }

            int end = targetOffset + count;
            for (int i = targetOffset; i < end; i++)
            {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                target[i] = (byte)x;
            }

            if (elfMagic)
            {
                // The ELF-like header over the pattern's first four bytes.
                for (int i = first; i < 4 && i < first + count; i++)
                {
                    target[targetOffset + i - first] = i == 0 ? (byte)0x7F : (byte)"ELF"[i - 1];
                }
            }
        }
    }
}
