namespace Gateway.Host.Bench.Baseline
{
    /// <summary>
    /// Consistent Overhead Byte Stuffing (Cheshire and Baker, 1999): rewrites a block so it contains no 0x00,
    /// which then delimits frames on the wire. The overhead is at most one byte in 254 (plus one).
    /// <para>
    /// Encoded form: a sequence of blocks, each a code byte <c>c</c> (1…255) followed by <c>c − 1</c> data bytes.
    /// A block with <c>c</c> &lt; 255 stands for its data followed by one 0x00; the very last implied 0x00 is not
    /// part of the data. A block with <c>c</c> = 255 carries 254 data bytes and no zero.
    /// </para>
    /// Incremental decoding (one byte at a time) lives in <see cref="FrameDecoder"/>; this class encodes and
    /// decodes whole blocks held in memory.
    /// </summary>
    public static class Cobs
    {
        /// <summary>The largest code byte: a block of 254 data bytes with no implied zero.</summary>
        public const int MaxCode = 0xFF;

        /// <summary>The most bytes <see cref="Encode"/> writes for <paramref name="length"/> input bytes.</summary>
        public static int MaxEncodedLength(int length)
        {
            return length + (length / (MaxCode - 1)) + 1;
        }

        /// <summary>
        /// Encodes <paramref name="count"/> bytes into <paramref name="dst"/> at <paramref name="dstOffset"/> (no
        /// delimiter). The caller provides <see cref="MaxEncodedLength"/> bytes of room. Returns the bytes written.
        /// </summary>
        public static int Encode(byte[] src, int offset, int count, byte[] dst, int dstOffset)
        {
            int codeAt = dstOffset;
            int w = dstOffset + 1;
            int code = 1;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                byte b = src[i];
                if (b == 0)
                {
                    dst[codeAt] = (byte)code;
                    codeAt = w++;
                    code = 1;
                    continue;
                }

                dst[w++] = b;
                code++;
                if (code == MaxCode)
                {
                    dst[codeAt] = (byte)code;
                    if (i + 1 == end)
                    {
                        // A full block ends the input: no empty block follows (the Wikipedia form).
                        return w - dstOffset;
                    }

                    codeAt = w++;
                    code = 1;
                }
            }

            dst[codeAt] = (byte)code;
            return w - dstOffset;
        }

        /// <summary>
        /// Decodes <paramref name="count"/> encoded bytes (no delimiter) into <paramref name="dst"/>, which may be the
        /// source buffer itself (decoding never writes ahead of reading). Returns the decoded length, or −1 when the
        /// input is not valid COBS (a 0x00 inside, or a block longer than the bytes left) or does not fit
        /// <paramref name="dstCapacity"/> bytes.
        /// </summary>
        public static int Decode(byte[] src, int offset, int count, byte[] dst, int dstOffset, int dstCapacity)
        {
            int r = offset;
            int end = offset + count;
            int w = 0;
            while (r < end)
            {
                int code = src[r++];
                if (code == 0 || r + code - 1 > end)
                {
                    return -1;
                }

                for (int k = 1; k < code; k++)
                {
                    byte b = src[r++];
                    if (b == 0 || w >= dstCapacity)
                    {
                        return -1;
                    }

                    dst[dstOffset + w++] = b;
                }

                if (code < MaxCode && r < end)
                {
                    if (w >= dstCapacity)
                    {
                        return -1;
                    }

                    dst[dstOffset + w++] = 0;
                }
            }

            return w;
        }
    }
}
