using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Messages
{
    /// <summary>
    /// <c>struct dirent</c> records, as <c>_IO_READ</c> on a directory returns them (RM-2b). qnx-messages.md.
    /// <code>
    ///  off size type field
    ///   0   8   u64  d_ino
    ///   8   8   i64  d_offset      index of the next entry
    ///  16   2   i16  d_reclen      the entry's size including padding (Gateway pads to 8)
    ///  18   2   i16  d_namelen     without the NUL
    ///  20   …        d_name        NUL-terminated, then zero padding
    /// </code>
    /// </summary>
    public sealed class Dirent
    {
        public const int OffIno = 0;
        public const int OffOffset = 8;
        public const int OffReclen = 16;
        public const int OffNamelen = 18;
        public const int OffName = 20;

        public ulong Ino;
        public long Offset;
        public short Reclen;
        public short Namelen;
        /// <summary>After decoding: where the name starts in the buffer (Namelen bytes, no NUL).</summary>
        public int NameOffset;

        /// <summary>The padded entry size for a name of <paramref name="nameLength"/> bytes.</summary>
        public static int RecordSize(int nameLength)
        {
            return Codec.Align8(OffName + nameLength + 1);
        }

        /// <summary>Writes one entry; the padding is zero. Returns its size.</summary>
        public static int Encode(byte[] b, int o, ulong ino, long nextOffset, byte[] name, int nameOffset, int nameLength)
        {
            int size = RecordSize(nameLength);
            Codec.CheckSpace(b, o, size);
            LittleEndian.WriteU64(b, o + OffIno, ino);
            LittleEndian.WriteI64(b, o + OffOffset, nextOffset);
            LittleEndian.WriteI16(b, o + OffReclen, (short)size);
            LittleEndian.WriteI16(b, o + OffNamelen, (short)nameLength);
            if (nameLength > 0)
            {
                System.Array.Copy(name, nameOffset, b, o + OffName, nameLength);
            }

            LittleEndian.Zero(b, o + OffName + nameLength, size - (OffName + nameLength));
            return size;
        }

        /// <summary>Decodes the entry at <paramref name="o"/>; <c>d_reclen</c> must cover the name and NUL and fit.</summary>
        public DecodeError Decode(byte[] b, int o, int count)
        {
            if (count < OffName || !Codec.Fits(b, o, OffName))
            {
                return DecodeError.Truncated;
            }

            Ino = LittleEndian.ReadU64(b, o + OffIno);
            Offset = LittleEndian.ReadI64(b, o + OffOffset);
            Reclen = LittleEndian.ReadI16(b, o + OffReclen);
            Namelen = LittleEndian.ReadI16(b, o + OffNamelen);
            if (Namelen < 0 || Reclen < OffName + Namelen + 1 || Reclen > count || !Codec.Fits(b, o, Reclen))
            {
                return DecodeError.BadLength;
            }

            if (b[o + OffName + Namelen] != 0)
            {
                return DecodeError.BadPath;
            }

            NameOffset = o + OffName;
            return DecodeError.None;
        }
    }
}
