using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Messages
{
    /// <summary>
    /// The header shared by <c>struct _io_read</c> and <c>struct _io_write</c>, 16 bytes, plus the 8-byte
    /// <c>struct _xtype_offset</c> when <c>xtype</c> is <c>_IO_XTYPE_OFFSET</c> (pread/pwrite). qnx-messages.md.
    /// <code>
    ///  off size type field
    ///   0   2   u16  type          0x101 read / 0x102 write
    ///   2   2   u16  combine_len   16, or 24 with _IO_XTYPE_OFFSET (| 0x8000 when a part follows)
    ///   4   4   u32  nbytes
    ///   8   4   u32  xtype         _IO_XTYPE_* in the low 8 bits
    ///  12   4   u32  zero          reserved
    ///  16   8   i64  offset        only with _IO_XTYPE_OFFSET
    ///  write: nbytes of data follow the header
    /// </code>
    /// </summary>
    public abstract class IoReadWriteHeader
    {
        public const int Size = 16;
        public const int SizeWithOffset = 24;
        public const int OffNbytes = 4;
        public const int OffXtype = 8;
        public const int OffZero = 12;
        public const int OffXOffset = 16;

        public ushort Type;
        public ushort CombineLen;
        public uint Nbytes;
        public uint Xtype;
        /// <summary>The reserved word, exposed.</summary>
        public uint Zero;
        /// <summary>The <c>_xtype_offset</c> offset when <see cref="HasOffset"/>.</summary>
        public long XOffset;

        protected IoReadWriteHeader(ushort type)
        {
            Type = type;
            CombineLen = Size;
        }

        /// <summary>True when <c>xtype &amp; _IO_XTYPE_MASK</c> is <c>_IO_XTYPE_OFFSET</c>.</summary>
        public bool HasOffset
        {
            get { return (Xtype & XType.Mask) == XType.Offset; }
        }

        /// <summary>16, or 24 with the offset extension.</summary>
        public int HeaderSize
        {
            get { return HasOffset ? SizeWithOffset : Size; }
        }

        /// <summary>Sets up a read/write header; with an offset, xtype becomes OFFSET and combine_len 24.</summary>
        public void Set(uint nbytes, bool withOffset, long offset)
        {
            Nbytes = nbytes;
            Xtype = withOffset ? XType.Offset : XType.None;
            XOffset = withOffset ? offset : 0;
            Zero = 0;
            CombineLen = (ushort)(withOffset ? SizeWithOffset : Size);
        }

        protected DecodeError DecodeHeader(byte[] b, int o, int count, ushort expected)
        {
            if (count < Size || !Codec.Fits(b, o, Size))
            {
                return DecodeError.Truncated;
            }

            Type = LittleEndian.ReadU16(b, o + Codec.OffType);
            if (Type != expected)
            {
                return DecodeError.WrongType;
            }

            CombineLen = LittleEndian.ReadU16(b, o + Codec.OffCombineLen);
            Nbytes = LittleEndian.ReadU32(b, o + OffNbytes);
            Xtype = LittleEndian.ReadU32(b, o + OffXtype);
            Zero = LittleEndian.ReadU32(b, o + OffZero);
            XOffset = 0;
            if (HasOffset)
            {
                if (count < SizeWithOffset || !Codec.Fits(b, o, SizeWithOffset))
                {
                    return DecodeError.Truncated;
                }

                XOffset = LittleEndian.ReadI64(b, o + OffXOffset);
            }

            return DecodeError.None;
        }

        protected int EncodeHeader(byte[] b, int o)
        {
            int size = HeaderSize;
            Codec.CheckSpace(b, o, size);
            LittleEndian.WriteU16(b, o + Codec.OffType, Type);
            LittleEndian.WriteU16(b, o + Codec.OffCombineLen, CombineLen);
            LittleEndian.WriteU32(b, o + OffNbytes, Nbytes);
            LittleEndian.WriteU32(b, o + OffXtype, Xtype);
            LittleEndian.WriteU32(b, o + OffZero, 0);
            if (HasOffset)
            {
                LittleEndian.WriteI64(b, o + OffXOffset, XOffset);
            }

            return size;
        }
    }
}
