using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Messages
{
    /// <summary>
    /// <c>struct _io_stat</c>, 8 bytes: type 0x104 at 0, combine_len at 2, u32 format at 4 (wanted
    /// <c>_STAT_FORM_*</c>; 0 = the server chooses). The reply body is the stat in the chosen form.
    /// </summary>
    public sealed class IoStatRequest
    {
        public const int Size = 8;
        public const int OffFormat = 4;

        public ushort Type = IoMessageType.Stat;
        public ushort CombineLen = Size;
        public uint Format;

        public DecodeError Decode(byte[] b, int o, int count)
        {
            if (count < Size || !Codec.Fits(b, o, Size))
            {
                return DecodeError.Truncated;
            }

            Type = LittleEndian.ReadU16(b, o);
            if (Type != IoMessageType.Stat)
            {
                return DecodeError.WrongType;
            }

            CombineLen = LittleEndian.ReadU16(b, o + Codec.OffCombineLen);
            Format = LittleEndian.ReadU32(b, o + OffFormat);
            return DecodeError.None;
        }

        public int Encode(byte[] b, int o)
        {
            Codec.CheckSpace(b, o, Size);
            LittleEndian.WriteU16(b, o, Type);
            LittleEndian.WriteU16(b, o + Codec.OffCombineLen, CombineLen);
            LittleEndian.WriteU32(b, o + OffFormat, Format);
            return Size;
        }
    }
}
