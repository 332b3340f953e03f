using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Link
{
    /// <summary>
    /// Turns a frame held in a caller's buffer (16-byte header, then the body, then 4 spare bytes) into wire bytes:
    /// COBS(header + body + CRC-32 LE) followed by the 0x00 delimiter. Nothing is allocated.
    /// </summary>
    public static class FrameEncoder
    {
        /// <summary>The wire delimiter that ends every frame.</summary>
        public const byte Delimiter = 0x00;

        /// <summary>
        /// Writes the CRC of header + body after the body and returns the frame's decoded length (header + body + CRC).
        /// The buffer needs <see cref="FrameHeader.CrcSize"/> bytes of room after the body.
        /// </summary>
        public static int Seal(byte[] frame, int frameOffset, int bodyLength)
        {
            int covered = FrameHeader.Size + bodyLength;
            uint crc = Crc32.Compute(frame, frameOffset, covered);
            LittleEndian.WriteU32(frame, frameOffset + covered, crc);
            return covered + FrameHeader.CrcSize;
        }

        /// <summary>
        /// Seals the frame (<see cref="Seal"/>) and writes its wire form into <paramref name="dst"/>, which needs
        /// <see cref="LinkLimits.WireLength"/>(bodyLength) bytes of room. Returns the wire bytes written.
        /// </summary>
        public static int Encode(byte[] frame, int frameOffset, int bodyLength, byte[] dst, int dstOffset)
        {
            int length = Seal(frame, frameOffset, bodyLength);
            int n = Cobs.Encode(frame, frameOffset, length, dst, dstOffset);
            dst[dstOffset + n] = Delimiter;
            return n + 1;
        }
    }
}
