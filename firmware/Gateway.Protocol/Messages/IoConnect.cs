using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Messages
{
    /// <summary>
    /// <c>struct _io_connect</c>, 40 bytes plus the NUL-terminated path (and, for COMBINE and COMBINE_CLOSE,
    /// one I/O message after the path, starting at a multiple of 8 from the start of the connect). qnx-wire.md §8.
    /// <code>
    ///  off size type field          off size type field
    ///   0   2   u16  type 0x100       24   4   u32  mode
    ///   2   2   u16  subtype          28   2   u16  sflag
    ///   4   4   u32  file_type        30   2   u16  access
    ///   8   2   u16  reply_max        32   2   i16  dirfd
    ///  10   2   u16  entry_max        34   2   u16  path_len (counts the NUL)
    ///  12   4   u32  key              36   1   u8   eflag
    ///  16   4   u32  handle           37   1   u8   extra_type
    ///  20   4   u32  ioflag           38   2   u16  extra_len
    ///  40   path_len  path, NUL-terminated; then padding to 8; then extra_len bytes of the attached message
    /// </code>
    /// The decoder allocates nothing: the path and the attached message are located in the caller's buffer.
    /// </summary>
    public sealed class IoConnect
    {
        private static readonly object BoxedZero = (byte)0;

        public const int HeaderSize = 40;
        public const int OffSubtype = 2;
        public const int OffFileType = 4;
        public const int OffReplyMax = 8;
        public const int OffEntryMax = 10;
        public const int OffKey = 12;
        public const int OffHandle = 16;
        public const int OffIoflag = 20;
        public const int OffMode = 24;
        public const int OffSflag = 28;
        public const int OffAccess = 30;
        public const int OffDirfd = 32;
        public const int OffPathLen = 34;
        public const int OffEflag = 36;
        public const int OffExtraType = 37;
        public const int OffExtraLen = 38;
        public const int OffPath = 40;

        public ushort Type = IoMessageType.Connect;
        public ushort Subtype = ConnectSubtype.Open;
        public uint FileType;
        public ushort ReplyMax;
        public ushort EntryMax;
        public uint Key;
        public uint Handle;
        public uint Ioflag;
        public uint Mode;
        public ushort Sflag;
        public ushort Access;
        public short Dirfd;
        /// <summary><c>path_len</c>: counts the NUL.</summary>
        public ushort PathLen;
        public byte Eflag;
        public byte ExtraType;
        public ushort ExtraLen;

        /// <summary>After decoding: the path's first byte in the decoded buffer and its length without the NUL.</summary>
        public int PathOffset;
        public int PathLength;

        /// <summary>After decoding: where the attached message starts (<c>extra_len</c> bytes), or -1.</summary>
        public int ExtraOffset = -1;

        /// <summary>Where the attached message starts, relative to the connect: align8(40 + path_len).</summary>
        public static int ExtraStart(int pathLen)
        {
            return Codec.Align8(OffPath + pathLen);
        }

        public DecodeError Decode(byte[] b, int o, int count)
        {
            PathOffset = -1;
            PathLength = 0;
            ExtraOffset = -1;
            if (count < HeaderSize || !Codec.Fits(b, o, count))
            {
                return DecodeError.Truncated;
            }

            Type = LittleEndian.ReadU16(b, o);
            if (Type != IoMessageType.Connect)
            {
                return DecodeError.WrongType;
            }

            Subtype = LittleEndian.ReadU16(b, o + OffSubtype);
            FileType = LittleEndian.ReadU32(b, o + OffFileType);
            ReplyMax = LittleEndian.ReadU16(b, o + OffReplyMax);
            EntryMax = LittleEndian.ReadU16(b, o + OffEntryMax);
            Key = LittleEndian.ReadU32(b, o + OffKey);
            Handle = LittleEndian.ReadU32(b, o + OffHandle);
            Ioflag = LittleEndian.ReadU32(b, o + OffIoflag);
            Mode = LittleEndian.ReadU32(b, o + OffMode);
            Sflag = LittleEndian.ReadU16(b, o + OffSflag);
            Access = LittleEndian.ReadU16(b, o + OffAccess);
            Dirfd = LittleEndian.ReadI16(b, o + OffDirfd);
            PathLen = LittleEndian.ReadU16(b, o + OffPathLen);
            Eflag = b[o + OffEflag];
            ExtraType = b[o + OffExtraType];
            ExtraLen = LittleEndian.ReadU16(b, o + OffExtraLen);

            if (PathLen == 0 || OffPath + PathLen > count)
            {
                return DecodeError.BadLength;
            }

            if (b[o + OffPath + PathLen - 1] != 0)
            {
                return DecodeError.BadPath;
            }

            PathOffset = o + OffPath;
            PathLength = PathLen - 1;
            // A NUL inside the path: one native search, not a byte loop (boxed zero cached: no generics on nanoFramework).
            if (PathLength > 0 && System.Array.IndexOf(b, BoxedZero, PathOffset, PathLength) >= 0)
            {
                return DecodeError.BadPath;
            }

            if (ExtraLen > 0)
            {
                int start = ExtraStart(PathLen);
                if (start + ExtraLen > count)
                {
                    return DecodeError.BadLength;
                }

                ExtraOffset = o + start;
            }

            return DecodeError.None;
        }

        /// <summary>
        /// Encodes the connect with <paramref name="pathLength"/> path bytes (no NUL; one is added, and
        /// <c>path_len</c> set) and, when <paramref name="extraLength"/> &gt; 0, the attached message after padding
        /// (<c>extra_len</c> set). Padding bytes are zero. Returns the total size.
        /// </summary>
        public int Encode(byte[] b, int o, byte[] path, int pathOffset, int pathLength, byte[] extra, int extraOffset, int extraLength)
        {
            int pathLen = pathLength + 1;
            int total = OffPath + pathLen;
            if (extraLength > 0)
            {
                total = ExtraStart(pathLen) + extraLength;
            }

            Codec.CheckSpace(b, o, total);
            PathLen = (ushort)pathLen;
            ExtraLen = (ushort)extraLength;
            LittleEndian.WriteU16(b, o, Type);
            LittleEndian.WriteU16(b, o + OffSubtype, Subtype);
            LittleEndian.WriteU32(b, o + OffFileType, FileType);
            LittleEndian.WriteU16(b, o + OffReplyMax, ReplyMax);
            LittleEndian.WriteU16(b, o + OffEntryMax, EntryMax);
            LittleEndian.WriteU32(b, o + OffKey, Key);
            LittleEndian.WriteU32(b, o + OffHandle, Handle);
            LittleEndian.WriteU32(b, o + OffIoflag, Ioflag);
            LittleEndian.WriteU32(b, o + OffMode, Mode);
            LittleEndian.WriteU16(b, o + OffSflag, Sflag);
            LittleEndian.WriteU16(b, o + OffAccess, Access);
            LittleEndian.WriteI16(b, o + OffDirfd, Dirfd);
            LittleEndian.WriteU16(b, o + OffPathLen, PathLen);
            b[o + OffEflag] = Eflag;
            b[o + OffExtraType] = ExtraType;
            LittleEndian.WriteU16(b, o + OffExtraLen, ExtraLen);
            if (pathLength > 0)
            {
                System.Array.Copy(path, pathOffset, b, o + OffPath, pathLength);
            }

            b[o + OffPath + pathLength] = 0;
            if (extraLength > 0)
            {
                int start = ExtraStart(pathLen);
                LittleEndian.Zero(b, o + OffPath + pathLen, start - (OffPath + pathLen));
                System.Array.Copy(extra, extraOffset, b, o + start, extraLength);
            }

            return total;
        }
    }
}
