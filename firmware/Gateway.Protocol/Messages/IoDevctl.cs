using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Messages
{
    /// <summary>
    /// <c>struct _io_devctl</c>, 16 bytes, then <c>nbytes</c> of data; reply <c>struct _io_devctl_reply</c>, 16 bytes.
    /// <code>
    ///  request: 0 u16 type 0x106, 2 u16 combine_len, 4 i32 dcmd, 8 u32 nbytes, 12 u32 zero
    ///  reply:   0 u32 zero, 4 i32 ret_val, 8 u32 nbytes, 12 u32 zero2, then data
    /// </code>
    /// </summary>
    public sealed class IoDevctl
    {
        public const int Size = 16;
        public const int OffDcmd = 4;
        public const int OffNbytes = 8;
        public const int OffZero = 12;
        public const int ReplySize = 16;
        public const int ReplyOffZero = 0;
        public const int ReplyOffRetVal = 4;
        public const int ReplyOffNbytes = 8;
        public const int ReplyOffZero2 = 12;

        public ushort Type = IoMessageType.Devctl;
        public ushort CombineLen = Size;
        public int Dcmd;
        public uint Nbytes;
        public uint Zero;
        /// <summary>After decoding: where the data starts, and how many bytes of it are present.</summary>
        public int DataOffset;
        public int DataLength;

        public DecodeError Decode(byte[] b, int o, int count)
        {
            if (count < Size || !Codec.Fits(b, o, count))
            {
                return DecodeError.Truncated;
            }

            Type = LittleEndian.ReadU16(b, o);
            if (Type != IoMessageType.Devctl)
            {
                return DecodeError.WrongType;
            }

            CombineLen = LittleEndian.ReadU16(b, o + Codec.OffCombineLen);
            Dcmd = LittleEndian.ReadI32(b, o + OffDcmd);
            Nbytes = LittleEndian.ReadU32(b, o + OffNbytes);
            Zero = LittleEndian.ReadU32(b, o + OffZero);
            DataOffset = o + Size;
            DataLength = count - Size;
            return DecodeError.None;
        }

        public int Encode(byte[] b, int o)
        {
            Codec.CheckSpace(b, o, Size);
            LittleEndian.WriteU16(b, o, Type);
            LittleEndian.WriteU16(b, o + Codec.OffCombineLen, CombineLen);
            LittleEndian.WriteI32(b, o + OffDcmd, Dcmd);
            LittleEndian.WriteU32(b, o + OffNbytes, Nbytes);
            LittleEndian.WriteU32(b, o + OffZero, 0);
            return Size;
        }

        public static int EncodeReply(byte[] b, int o, int retVal, uint nbytes)
        {
            Codec.CheckSpace(b, o, ReplySize);
            LittleEndian.WriteU32(b, o + ReplyOffZero, 0);
            LittleEndian.WriteI32(b, o + ReplyOffRetVal, retVal);
            LittleEndian.WriteU32(b, o + ReplyOffNbytes, nbytes);
            LittleEndian.WriteU32(b, o + ReplyOffZero2, 0);
            return ReplySize;
        }
    }
}
