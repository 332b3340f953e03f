using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Messages
{
    /// <summary><c>struct _io_sync</c>, 8 bytes: type 0x119 at 0, combine_len at 2, u32 flag at 4.</summary>
    public sealed class IoSync
    {
        public const int Size = 8;
        public const int OffFlag = 4;

        public ushort Type = IoMessageType.Sync;
        public ushort CombineLen = Size;
        public uint Flag;

        public DecodeError Decode(byte[] b, int o, int count)
        {
            if (count < Size || !Codec.Fits(b, o, Size))
            {
                return DecodeError.Truncated;
            }

            Type = LittleEndian.ReadU16(b, o);
            if (Type != IoMessageType.Sync)
            {
                return DecodeError.WrongType;
            }

            CombineLen = LittleEndian.ReadU16(b, o + Codec.OffCombineLen);
            Flag = LittleEndian.ReadU32(b, o + OffFlag);
            return DecodeError.None;
        }

        public int Encode(byte[] b, int o)
        {
            Codec.CheckSpace(b, o, Size);
            LittleEndian.WriteU16(b, o, Type);
            LittleEndian.WriteU16(b, o + Codec.OffCombineLen, CombineLen);
            LittleEndian.WriteU32(b, o + OffFlag, Flag);
            return Size;
        }
    }
}
