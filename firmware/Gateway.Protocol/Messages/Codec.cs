using System;
using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Messages
{
    /// <summary>Checks shared by the codecs.</summary>
    public static class Codec
    {
        /// <summary>The common I/O message header: <c>u16 type</c> at 0, <c>u16 combine_len</c> at 2.</summary>
        public const int OffType = 0;
        public const int OffCombineLen = 2;

        /// <summary>Encoders write into caller-owned buffers; too little room is a programming error, not input.</summary>
        public static void CheckSpace(byte[] b, int o, int size)
        {
            if (b == null || o < 0 || o + size > b.Length)
            {
                throw new ArgumentException("buffer too small for the structure");
            }
        }

        /// <summary>True when <paramref name="count"/> bytes at <paramref name="o"/> lie inside the buffer.</summary>
        public static bool Fits(byte[] b, int o, int count)
        {
            return b != null && o >= 0 && count >= 0 && o <= b.Length && count <= b.Length - o;
        }

        /// <summary>Reads the message type of an I/O message, or -1 when fewer than 2 bytes are given.</summary>
        public static int PeekType(byte[] b, int o, int count)
        {
            if (count < 2 || !Fits(b, o, count))
            {
                return -1;
            }

            return LittleEndian.ReadU16(b, o + OffType);
        }

        /// <summary>Rounds up to <c>_QNX_MSG_ALIGN</c> (8).</summary>
        public static int Align8(int n)
        {
            return (n + 7) & ~7;
        }
    }
}
