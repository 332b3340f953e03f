using System;
using System.IO.Hashing;
using Gateway.Protocol.Platform;

namespace Gateway.Board.Esp32
{
    /// <summary>
    /// The link's CRC-32/IEEE through nanoFramework.System.IO.Hashing, which computes it natively (the ESP32's ROM
    /// CRC): one native call per piece instead of an interpreted step per byte. nanoFramework's SpanByte holds at
    /// most <see cref="MaxPiece"/> bytes, so longer buffers are fed in pieces into one running CRC.
    /// </summary>
    public sealed class NativeCrc32 : ICrc32
    {
        /// <summary>The longest span handed to the native CRC at once.</summary>
        public const int MaxPiece = 32767;

        private readonly Crc32 running = new Crc32();
        private readonly object gate = new object();

        public uint Compute(byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            if (offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            if (count <= MaxPiece)
            {
                return Crc32.HashToUInt32(new SpanByte(data, offset, count));
            }

            // The running instance is shared: the link may check a frame on its reader while it encodes a reply.
            lock (gate)
            {
                running.Reset();
                int end = offset + count;
                for (int at = offset; at < end; at += MaxPiece)
                {
                    int piece = end - at < MaxPiece ? end - at : MaxPiece;
                    running.Append(new SpanByte(data, at, piece));
                }

                return running.GetCurrentHashAsUInt32();
            }
        }
    }
}
