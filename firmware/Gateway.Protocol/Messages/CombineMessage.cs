using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Messages
{
    /// <summary>
    /// Splits and validates an I/O message that may be a combine message (parts joined by
    /// <c>_IO_COMBINE_FLAG</c> in <c>combine_len</c>). RM-0: the whole message is validated before any part
    /// runs — every part's header, every <c>combine_len</c> (without the flag) at least the part's header and at
    /// most the bytes left, a last part not flagged. A part that is followed by another spans exactly
    /// <c>combine_len</c> bytes; the last part spans the rest of the message (a write's data follows its header).
    /// <c>_IO_CONNECT</c> has no <c>combine_len</c> (its subtype sits there) and is always one part.
    /// The part table is preallocated; more than <see cref="MaxParts"/> parts is <see cref="DecodeError.BadLength"/> (G).
    /// </summary>
    public sealed class CombineMessage
    {
        public const int MaxParts = 8;

        public readonly int[] PartOffset = new int[MaxParts];
        public readonly int[] PartLength = new int[MaxParts];
        public readonly ushort[] PartType = new ushort[MaxParts];
        public int PartCount;

        private readonly IoWrite write = new IoWrite();

        /// <summary>
        /// The smallest header a message of <paramref name="type"/> can have: its struct, plus the 8-byte
        /// offset for reads and writes with <c>_IO_XTYPE_OFFSET</c>. Unknown types need only type and combine_len (4).
        /// </summary>
        public static int HeaderSize(byte[] b, int o, int count, ushort type)
        {
            switch (type)
            {
                case IoMessageType.Read:
                case IoMessageType.Write:
                    if (count >= IoReadWriteHeader.Size && (LittleEndian.ReadU32(b, o + IoReadWriteHeader.OffXtype) & XType.Mask) == XType.Offset)
                    {
                        return IoReadWriteHeader.SizeWithOffset;
                    }

                    return IoReadWriteHeader.Size;
                case IoMessageType.Lseek: return IoLseek.Size;
                case IoMessageType.Stat: return IoStatRequest.Size;
                case IoMessageType.Devctl: return IoDevctl.Size;
                case IoMessageType.Sync: return IoSync.Size;
                case IoMessageType.Close: return IoClose.Size;
                case IoMessageType.Mmap: return IoMmapRequest.Size;
                case IoMessageType.Connect: return IoConnect.HeaderSize;
                default: return 4;
            }
        }

        /// <summary>Validates the whole message and fills the part table. Nothing is executed here.</summary>
        public DecodeError Parse(byte[] b, int o, int count)
        {
            PartCount = 0;
            if (count < 4 || !Codec.Fits(b, o, count))
            {
                return DecodeError.Truncated;
            }

            ushort first = LittleEndian.ReadU16(b, o);
            if (first == IoMessageType.Connect)
            {
                if (count < IoConnect.HeaderSize)
                {
                    return DecodeError.Truncated;
                }

                PartOffset[0] = o;
                PartLength[0] = count;
                PartType[0] = first;
                PartCount = 1;
                return DecodeError.None;
            }

            int p = o;
            int end = o + count;
            while (true)
            {
                int left = end - p;
                if (left < 4)
                {
                    return DecodeError.Truncated;
                }

                ushort type = LittleEndian.ReadU16(b, p);
                if (type == IoMessageType.Connect)
                {
                    // A connect cannot follow another part: it has no combine_len.
                    return DecodeError.WrongType;
                }

                int header = HeaderSize(b, p, left, type);
                if (left < header)
                {
                    return DecodeError.Truncated;
                }

                ushort raw = LittleEndian.ReadU16(b, p + Codec.OffCombineLen);
                int len = raw & ~IoMessageType.CombineFlag;
                if (len < header || len > left)
                {
                    return DecodeError.BadCombineLength;
                }

                if (PartCount == MaxParts)
                {
                    return DecodeError.BadLength;
                }

                bool more = (raw & IoMessageType.CombineFlag) != 0;
                int span = more ? len : left;
                if (type == IoMessageType.Write && write.Decode(b, p, span) != DecodeError.None)
                {
                    return DecodeError.BadLength;
                }

                PartOffset[PartCount] = p;
                PartLength[PartCount] = span;
                PartType[PartCount] = type;
                PartCount++;
                if (!more)
                {
                    return DecodeError.None;
                }

                p += len;
                if (p >= end)
                {
                    return DecodeError.UnterminatedCombine;
                }
            }
        }
    }
}
