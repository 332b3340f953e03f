using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Messages
{
    /// <summary><c>struct _io_write</c> (+ <c>_xtype_offset</c>) followed by <c>nbytes</c> of data.</summary>
    public sealed class IoWrite : IoReadWriteHeader
    {
        /// <summary>After decoding: where the data starts in the decoded buffer.</summary>
        public int DataOffset;

        public IoWrite() : base(IoMessageType.Write)
        {
        }

        /// <summary>Decodes the header and checks that <c>nbytes</c> of data follow within <paramref name="count"/>.</summary>
        public DecodeError Decode(byte[] b, int o, int count)
        {
            DecodeError e = DecodeHeader(b, o, count, IoMessageType.Write);
            if (e != DecodeError.None)
            {
                return e;
            }

            int header = HeaderSize;
            if (Nbytes > (uint)(count - header))
            {
                return DecodeError.BadLength;
            }

            DataOffset = o + header;
            return DecodeError.None;
        }

        /// <summary>Encodes the header and copies <c>nbytes</c> of data from <paramref name="data"/>.</summary>
        public int Encode(byte[] b, int o, byte[] data, int dataOffset)
        {
            int header = HeaderSize;
            Codec.CheckSpace(b, o, header + (int)Nbytes);
            EncodeHeader(b, o);
            if (Nbytes > 0)
            {
                System.Array.Copy(data, dataOffset, b, o + header, (int)Nbytes);
            }

            return header + (int)Nbytes;
        }
    }
}
