using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Messages
{
    /// <summary><c>struct _io_read</c> (+ <c>_xtype_offset</c>). The reply body is the data; its status the count.</summary>
    public sealed class IoRead : IoReadWriteHeader
    {
        public IoRead() : base(IoMessageType.Read)
        {
        }

        public DecodeError Decode(byte[] b, int o, int count)
        {
            return DecodeHeader(b, o, count, IoMessageType.Read);
        }

        public int Encode(byte[] b, int o)
        {
            return EncodeHeader(b, o);
        }
    }
}
