using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Messages
{
    /// <summary>The reply of <c>_IO_DEVCTL</c> (<c>struct _io_devctl_reply</c>), decoded.</summary>
    public sealed class IoDevctlReply
    {
        public uint Zero;
        public int RetVal;
        public uint Nbytes;
        public uint Zero2;

        public DecodeError Decode(byte[] b, int o, int count)
        {
            if (count < IoDevctl.ReplySize || !Codec.Fits(b, o, IoDevctl.ReplySize))
            {
                return DecodeError.Truncated;
            }

            Zero = LittleEndian.ReadU32(b, o + IoDevctl.ReplyOffZero);
            RetVal = LittleEndian.ReadI32(b, o + IoDevctl.ReplyOffRetVal);
            Nbytes = LittleEndian.ReadU32(b, o + IoDevctl.ReplyOffNbytes);
            Zero2 = LittleEndian.ReadU32(b, o + IoDevctl.ReplyOffZero2);
            if (Nbytes > (uint)(count - IoDevctl.ReplySize))
            {
                return DecodeError.BadLength;
            }

            return DecodeError.None;
        }

        public int Encode(byte[] b, int o)
        {
            return IoDevctl.EncodeReply(b, o, RetVal, Nbytes);
        }
    }
}
