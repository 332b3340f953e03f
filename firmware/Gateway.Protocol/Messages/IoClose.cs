using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Messages
{
    /// <summary><c>struct _io_close</c>, 4 bytes: type 0x116 at 0, combine_len at 2.</summary>
    public sealed class IoClose
    {
        public const int Size = 4;

        public ushort Type = IoMessageType.Close;
        public ushort CombineLen = Size;

        public DecodeError Decode(byte[] b, int o, int count)
        {
            if (count < Size || !Codec.Fits(b, o, Size))
            {
                return DecodeError.Truncated;
            }

            Type = LittleEndian.ReadU16(b, o);
            if (Type != IoMessageType.Close)
            {
                return DecodeError.WrongType;
            }

            CombineLen = LittleEndian.ReadU16(b, o + Codec.OffCombineLen);
            return DecodeError.None;
        }

        public int Encode(byte[] b, int o)
        {
            Codec.CheckSpace(b, o, Size);
            LittleEndian.WriteU16(b, o, Type);
            LittleEndian.WriteU16(b, o + Codec.OffCombineLen, CombineLen);
            return Size;
        }
    }
}
