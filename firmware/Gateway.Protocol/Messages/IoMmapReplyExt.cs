using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Messages
{
    /// <summary>
    /// <c>struct _io_mmap_reply_ext</c> (QNX 7.1+), 184 bytes: the reply of <c>iofunc_mmap_default_ext()</c>. qnx-messages.md.
    /// <code>
    ///  off size field
    ///   0  24  base               _io_mmap_reply
    ///  24   4  extended.flags     _IO_MMAP_REPLY_FLAGS_* (USE_EXTENDED | STAT_FORM_TO_FLAGS(form) | …)
    ///  28   4  extended.zero32    reserved
    ///  32  32  extended.zero64[4] reserved
    ///  64 120  extended.stat      union of the stat forms; bytes past the chosen form are zero
    /// </code>
    /// </summary>
    public sealed class IoMmapReplyExt
    {
        public const int Size = 184;
        public const int OffFlags = 24;
        public const int OffZero32 = 28;
        public const int OffZero64 = 32;
        public const int Zero64Count = 4;
        public const int OffStat = 64;

        public readonly IoMmapReply Base = new IoMmapReply();
        public uint Flags;
        public uint Zero32;
        public readonly ulong[] Zero64 = new ulong[Zero64Count];
        public readonly Stat Stat = new Stat();

        /// <summary>After <see cref="Decode"/>: the first non-zero byte of the stat union past the form, or -1 (exposed, never rejected).</summary>
        public int StatTailNonZeroAt = -1;

        /// <summary>The stat form the flags name.</summary>
        public int Form
        {
            get { return MmapReplyFlags.StatForm(Flags); }
        }

        /// <summary>
        /// Decodes the 184-byte reply. The base, flags and reserved words are always filled when 184 bytes are
        /// given; the result is <see cref="DecodeError.FormMismatch"/> when USE_EXTENDED is set but the flags name
        /// no stat form (the stat is then not decoded), so a lenient reader (the memory manager, MM-5) can still
        /// use the base and ask for the stat separately.
        /// </summary>
        public DecodeError Decode(byte[] b, int o, int count)
        {
            StatTailNonZeroAt = -1;
            if (count < Size || !Codec.Fits(b, o, Size))
            {
                return DecodeError.Truncated;
            }

            Base.Decode(b, o, IoMmapReply.Size);
            Flags = LittleEndian.ReadU32(b, o + OffFlags);
            Zero32 = LittleEndian.ReadU32(b, o + OffZero32);
            for (int i = 0; i < Zero64Count; i++)
            {
                Zero64[i] = LittleEndian.ReadU64(b, o + OffZero64 + (8 * i));
            }

            int form = Form;
            int formSize = StatForm.SizeOf(form);
            if (formSize == 0)
            {
                Stat.Clear();
                return MmapReplyFlags.IsExtended(Flags) ? DecodeError.FormMismatch : DecodeError.None;
            }

            Stat.Decode(b, o + OffStat, StatForm.UnionSize, form);
            for (int i = formSize; i < StatForm.UnionSize; i++)
            {
                if (b[o + OffStat + i] != 0)
                {
                    StatTailNonZeroAt = i;
                    break;
                }
            }

            return DecodeError.None;
        }

        /// <summary>Encodes the reply with the stat in the form its flags name; reserved words and the union tail are zero.</summary>
        public int Encode(byte[] b, int o)
        {
            Codec.CheckSpace(b, o, Size);
            Base.Encode(b, o);
            LittleEndian.WriteU32(b, o + OffFlags, Flags);
            LittleEndian.Zero(b, o + OffZero32, 4 + (8 * Zero64Count));
            int form = Form;
            int written = 0;
            if (StatForm.SizeOf(form) != 0)
            {
                written = Stat.Encode(b, o + OffStat, form);
            }

            LittleEndian.Zero(b, o + OffStat + written, StatForm.UnionSize - written);
            return Size;
        }
    }
}
