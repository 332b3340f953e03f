using Gateway.Protocol.Platform;
using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Link
{
    /// <summary>
    /// The 12 bytes before every frame on the wire (link protocol version 2; hardware-docs/link.md §1).
    /// <code>
    /// off size field    meaning
    ///   0   4  marker   A5 5A C3 3C: where a frame may start (the decoder finds byte 0 with Array.IndexOf)
    ///   4   4  length   u32 LE: header + body bytes that follow (16 + n); the frame CRC comes after them
    ///   8   4  pcrc     CRC-32 (IEEE) of bytes 0 … 7, little-endian: a marker that turns up in noise or in a
    ///                   body is not taken for a frame unless this checks too
    ///  12  16  header   FrameHeader
    ///  28   n  body
    /// 28+n  4  crc      CRC-32 (IEEE) of header + body (bytes 12 … 27+n), little-endian
    /// </code>
    /// The payload is copied as it is: no byte stuffing, so no step per payload byte on either end.
    /// </summary>
    public static class FramePreamble
    {
        public const int Size = 12;
        public const int MarkerSize = 4;

        public const int OffMarker = 0;
        public const int OffLength = 4;
        public const int OffCrc = 8;

        /// <summary>Bytes 0 … 3. Byte 0 is neither 0x00 nor 0xFF, the fill of zeroed and erased pages.</summary>
        public const byte Marker0 = 0xA5;
        public const byte Marker1 = 0x5A;
        public const byte Marker2 = 0xC3;
        public const byte Marker3 = 0x3C;

        /// <summary>Writes the preamble of a frame whose header + body is <paramref name="length"/> bytes.</summary>
        public static void Write(byte[] b, int o, int length, ICrc32 crc)
        {
            b[o + OffMarker] = Marker0;
            b[o + OffMarker + 1] = Marker1;
            b[o + OffMarker + 2] = Marker2;
            b[o + OffMarker + 3] = Marker3;
            LittleEndian.WriteU32(b, o + OffLength, (uint)length);
            LittleEndian.WriteU32(b, o + OffCrc, crc.Compute(b, o, OffCrc));
        }

        /// <summary>True when the four marker bytes are at <paramref name="o"/>.</summary>
        public static bool HasMarker(byte[] b, int o)
        {
            return b[o] == Marker0 && b[o + 1] == Marker1 && b[o + 2] == Marker2 && b[o + 3] == Marker3;
        }

        /// <summary>True when the preamble CRC at <paramref name="o"/> + 8 matches its first 8 bytes.</summary>
        public static bool Checks(byte[] b, int o, ICrc32 crc)
        {
            return crc.Compute(b, o, OffCrc) == LittleEndian.ReadU32(b, o + OffCrc);
        }
    }
}
