using System;
using Gateway.Protocol.Platform;
using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Link
{
    /// <summary>
    /// Turns a frame held in a caller's buffer (16-byte header, then the body, then 4 spare bytes) into wire bytes:
    /// preamble (marker, length, preamble CRC), then header + body copied as they are, then their CRC-32 LE
    /// (<see cref="FramePreamble"/>). One Array.Copy and two CRC calls per frame; nothing is allocated.
    /// </summary>
    public static class FrameEncoder
    {
        /// <summary>
        /// Writes the CRC of header + body after the body and returns the frame's length (header + body + CRC).
        /// The buffer needs <see cref="FrameHeader.CrcSize"/> bytes of room after the body.
        /// </summary>
        public static int Seal(byte[] frame, int frameOffset, int bodyLength, ICrc32 crc)
        {
            int covered = FrameHeader.Size + bodyLength;
            LittleEndian.WriteU32(frame, frameOffset + covered, crc.Compute(frame, frameOffset, covered));
            return covered + FrameHeader.CrcSize;
        }

        /// <summary><see cref="Encode(byte[], int, int, byte[], int, ICrc32)"/> with the table CRC.</summary>
        public static int Encode(byte[] frame, int frameOffset, int bodyLength, byte[] dst, int dstOffset)
        {
            return Encode(frame, frameOffset, bodyLength, dst, dstOffset, TableCrc32.Instance);
        }

        /// <summary>
        /// Seals the frame and writes its wire form into <paramref name="dst"/>, which needs
        /// <see cref="LinkLimits.WireLength"/>(bodyLength) bytes of room. Returns the wire bytes written.
        /// </summary>
        public static int Encode(byte[] frame, int frameOffset, int bodyLength, byte[] dst, int dstOffset, ICrc32 crc)
        {
            int length = Seal(frame, frameOffset, bodyLength, crc);
            FramePreamble.Write(dst, dstOffset, FrameHeader.Size + bodyLength, crc);
            Array.Copy(frame, frameOffset, dst, dstOffset + FramePreamble.Size, length);
            return FramePreamble.Size + length;
        }
    }
}
