using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Messages
{
    /// <summary>
    /// <c>struct _io_mmap</c> (<c>sys/iomsg.h</c>, QNX 7.1 with the 8.0 tail), 88 bytes. qnx-messages.md.
    /// <code>
    ///  off size type     field
    ///   0   2   u16      type            0x112
    ///   2   2   u16      combine_len     88
    ///   4   4   u32      prot            what the memory manager would like
    ///   8   8   u64      offset
    ///  16  48   struct   info            _msg_info32 (the client's pid and coid)
    ///  64   4   u32      required_prot   0 = an old memory manager: use prot
    ///  68  12   u32[3]   zero            reserved
    ///  80   8   u64      requested_len   0 = not given (zero[4..5] in 7.1 headers)
    /// </code>
    /// </summary>
    public sealed class IoMmapRequest
    {
        public const int Size = 88;
        public const int OffProt = 4;
        public const int OffOffset = 8;
        public const int OffInfo = 16;
        public const int OffRequiredProt = 64;
        public const int OffZero = 68;
        public const int ZeroCount = 3;
        public const int OffRequestedLen = 80;

        public ushort Type = IoMessageType.Mmap;
        public ushort CombineLen = Size;
        public uint Prot;
        public ulong Offset;
        public readonly MsgInfo32 Info = new MsgInfo32();
        public uint RequiredProt;
        /// <summary>The reserved <c>zero[3]</c> words, exposed (old senders leave them uninitialised; never rejected).</summary>
        public readonly uint[] Zero = new uint[ZeroCount];
        public ulong RequestedLen;

        /// <summary>Decodes an <c>_io_mmap</c>; reserved words are read, not judged.</summary>
        public DecodeError Decode(byte[] b, int o, int count)
        {
            if (count < Size || !Codec.Fits(b, o, Size))
            {
                return DecodeError.Truncated;
            }

            Type = LittleEndian.ReadU16(b, o + Codec.OffType);
            if (Type != IoMessageType.Mmap)
            {
                return DecodeError.WrongType;
            }

            CombineLen = LittleEndian.ReadU16(b, o + Codec.OffCombineLen);
            Prot = LittleEndian.ReadU32(b, o + OffProt);
            Offset = LittleEndian.ReadU64(b, o + OffOffset);
            Info.Decode(b, o + OffInfo, MsgInfo32.Size);
            RequiredProt = LittleEndian.ReadU32(b, o + OffRequiredProt);
            for (int i = 0; i < ZeroCount; i++)
            {
                Zero[i] = LittleEndian.ReadU32(b, o + OffZero + (4 * i));
            }

            RequestedLen = LittleEndian.ReadU64(b, o + OffRequestedLen);
            return DecodeError.None;
        }

        /// <summary>Encodes the request; the reserved words are written as zero whatever <see cref="Zero"/> holds.</summary>
        public int Encode(byte[] b, int o)
        {
            Codec.CheckSpace(b, o, Size);
            LittleEndian.WriteU16(b, o + Codec.OffType, Type);
            LittleEndian.WriteU16(b, o + Codec.OffCombineLen, CombineLen);
            LittleEndian.WriteU32(b, o + OffProt, Prot);
            LittleEndian.WriteU64(b, o + OffOffset, Offset);
            Info.Encode(b, o + OffInfo);
            LittleEndian.WriteU32(b, o + OffRequiredProt, RequiredProt);
            LittleEndian.Zero(b, o + OffZero, 4 * ZeroCount);
            LittleEndian.WriteU64(b, o + OffRequestedLen, RequestedLen);
            return Size;
        }
    }
}
