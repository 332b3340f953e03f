using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Messages
{
    /// <summary>
    /// <c>struct _io_lseek</c>, 16 bytes; its reply is one u64, the new offset. qnx-messages.md.
    /// <code>
    ///  off size type field
    ///   0   2   u16  type          0x109
    ///   2   2   u16  combine_len   16
    ///   4   2   i16  whence        SEEK_SET 0, SEEK_CUR 1, SEEK_END 2
    ///   6   2   u16  zero          reserved
    ///   8   8   i64  offset
    /// reply: 0 u64 offset
    /// </code>
    /// </summary>
    public sealed class IoLseek
    {
        public const int Size = 16;
        public const int OffWhence = 4;
        public const int OffZero = 6;
        public const int OffOffset = 8;
        public const int ReplySize = 8;

        public ushort Type = IoMessageType.Lseek;
        public ushort CombineLen = Size;
        public short Whence;
        public ushort Zero;
        public long Offset;

        public DecodeError Decode(byte[] b, int o, int count)
        {
            if (count < Size || !Codec.Fits(b, o, Size))
            {
                return DecodeError.Truncated;
            }

            Type = LittleEndian.ReadU16(b, o + Codec.OffType);
            if (Type != IoMessageType.Lseek)
            {
                return DecodeError.WrongType;
            }

            CombineLen = LittleEndian.ReadU16(b, o + Codec.OffCombineLen);
            Whence = LittleEndian.ReadI16(b, o + OffWhence);
            Zero = LittleEndian.ReadU16(b, o + OffZero);
            Offset = LittleEndian.ReadI64(b, o + OffOffset);
            return DecodeError.None;
        }

        public int Encode(byte[] b, int o)
        {
            Codec.CheckSpace(b, o, Size);
            LittleEndian.WriteU16(b, o + Codec.OffType, Type);
            LittleEndian.WriteU16(b, o + Codec.OffCombineLen, CombineLen);
            LittleEndian.WriteI16(b, o + OffWhence, Whence);
            LittleEndian.WriteU16(b, o + OffZero, 0);
            LittleEndian.WriteI64(b, o + OffOffset, Offset);
            return Size;
        }

        public static int EncodeReply(byte[] b, int o, long newOffset)
        {
            Codec.CheckSpace(b, o, ReplySize);
            LittleEndian.WriteI64(b, o, newOffset);
            return ReplySize;
        }

        public static DecodeError DecodeReply(byte[] b, int o, int count, out long newOffset)
        {
            newOffset = 0;
            if (count < ReplySize || !Codec.Fits(b, o, ReplySize))
            {
                return DecodeError.Truncated;
            }

            newOffset = LittleEndian.ReadI64(b, o);
            return DecodeError.None;
        }
    }
}
