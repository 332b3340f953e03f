using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Messages
{
    /// <summary>
    /// <c>struct _io_mmap_reply</c>, 24 bytes: the plain reply of <c>iofunc_mmap_default()</c>. qnx-messages.md.
    /// <code>
    ///  off size type  field
    ///   0   4   u32   zero           0
    ///   4   4   u32   allowed_prot   (named flags and unused in 6.4)
    ///   8   8   u64   offset         with SERVER_SHMEM_OBJECT: offset into the object, else 0
    ///  16   4   i32   coid           the memory manager's connection that owns the mapping OCB
    ///  20   4   i32   fd             with SERVER_SHMEM_OBJECT: the object's id, else 0
    /// </code>
    /// </summary>
    public sealed class IoMmapReply
    {
        public const int Size = 24;
        public const int OffZero = 0;
        public const int OffAllowedProt = 4;
        public const int OffOffset = 8;
        public const int OffCoid = 16;
        public const int OffFd = 20;

        /// <summary>The reserved word, exposed so the harness can judge it.</summary>
        public uint Zero;
        public uint AllowedProt;
        public ulong Offset;
        public int Coid;
        public int Fd;

        public void Clear()
        {
            Zero = 0; AllowedProt = 0; Offset = 0; Coid = 0; Fd = 0;
        }

        public DecodeError Decode(byte[] b, int o, int count)
        {
            if (count < Size || !Codec.Fits(b, o, Size))
            {
                return DecodeError.Truncated;
            }

            Zero = LittleEndian.ReadU32(b, o + OffZero);
            AllowedProt = LittleEndian.ReadU32(b, o + OffAllowedProt);
            Offset = LittleEndian.ReadU64(b, o + OffOffset);
            Coid = LittleEndian.ReadI32(b, o + OffCoid);
            Fd = LittleEndian.ReadI32(b, o + OffFd);
            return DecodeError.None;
        }

        /// <summary>Encodes the reply; <c>zero</c> is always written as 0.</summary>
        public int Encode(byte[] b, int o)
        {
            Codec.CheckSpace(b, o, Size);
            LittleEndian.WriteU32(b, o + OffZero, 0);
            LittleEndian.WriteU32(b, o + OffAllowedProt, AllowedProt);
            LittleEndian.WriteU64(b, o + OffOffset, Offset);
            LittleEndian.WriteI32(b, o + OffCoid, Coid);
            LittleEndian.WriteI32(b, o + OffFd, Fd);
            return Size;
        }

        public void CopyFrom(IoMmapReply other)
        {
            Zero = other.Zero; AllowedProt = other.AllowedProt; Offset = other.Offset; Coid = other.Coid; Fd = other.Fd;
        }
    }
}
