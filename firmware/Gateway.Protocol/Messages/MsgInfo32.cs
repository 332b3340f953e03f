using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Messages
{
    /// <summary>
    /// <c>struct _msg_info32</c> (<c>sys/neutrino.h</c>), 48 bytes. In <c>_IO_MMAP</c> it carries the
    /// client's identity; the board reads only <c>pid</c> and <c>coid</c> (rules.md §0).
    /// <code>
    ///  off size field          off size field
    ///   0   4   nd              28   4   msglen
    ///   4   4   srcnd           32   4   srcmsglen
    ///   8   4   pid             36   4   dstmsglen
    ///  12   4   tid             40   2   priority
    ///  16   4   chid            42   2   flags (_NTO_MI_*)
    ///  20   4   scoid           44   4   type_id (reserved in 6.4)
    ///  24   4   coid
    /// </code>
    /// </summary>
    public sealed class MsgInfo32
    {
        public const int Size = 48;
        public const int OffNd = 0;
        public const int OffSrcnd = 4;
        public const int OffPid = 8;
        public const int OffTid = 12;
        public const int OffChid = 16;
        public const int OffScoid = 20;
        public const int OffCoid = 24;
        public const int OffMsglen = 28;
        public const int OffSrcmsglen = 32;
        public const int OffDstmsglen = 36;
        public const int OffPriority = 40;
        public const int OffFlags = 42;
        public const int OffTypeId = 44;

        public uint Nd;
        public uint Srcnd;
        public int Pid;
        public int Tid;
        public int Chid;
        public int Scoid;
        public int Coid;
        public int Msglen;
        public int Srcmsglen;
        public int Dstmsglen;
        public short Priority;
        public short Flags;
        public uint TypeId;

        public void Clear()
        {
            Nd = 0; Srcnd = 0; Pid = 0; Tid = 0; Chid = 0; Scoid = 0; Coid = 0;
            Msglen = 0; Srcmsglen = 0; Dstmsglen = 0; Priority = 0; Flags = 0; TypeId = 0;
        }

        public DecodeError Decode(byte[] b, int o, int count)
        {
            if (count < Size || o < 0 || o + Size > b.Length)
            {
                return DecodeError.Truncated;
            }

            Nd = LittleEndian.ReadU32(b, o + OffNd);
            Srcnd = LittleEndian.ReadU32(b, o + OffSrcnd);
            Pid = LittleEndian.ReadI32(b, o + OffPid);
            Tid = LittleEndian.ReadI32(b, o + OffTid);
            Chid = LittleEndian.ReadI32(b, o + OffChid);
            Scoid = LittleEndian.ReadI32(b, o + OffScoid);
            Coid = LittleEndian.ReadI32(b, o + OffCoid);
            Msglen = LittleEndian.ReadI32(b, o + OffMsglen);
            Srcmsglen = LittleEndian.ReadI32(b, o + OffSrcmsglen);
            Dstmsglen = LittleEndian.ReadI32(b, o + OffDstmsglen);
            Priority = LittleEndian.ReadI16(b, o + OffPriority);
            Flags = LittleEndian.ReadI16(b, o + OffFlags);
            TypeId = LittleEndian.ReadU32(b, o + OffTypeId);
            return DecodeError.None;
        }

        public int Encode(byte[] b, int o)
        {
            Codec.CheckSpace(b, o, Size);
            LittleEndian.WriteU32(b, o + OffNd, Nd);
            LittleEndian.WriteU32(b, o + OffSrcnd, Srcnd);
            LittleEndian.WriteI32(b, o + OffPid, Pid);
            LittleEndian.WriteI32(b, o + OffTid, Tid);
            LittleEndian.WriteI32(b, o + OffChid, Chid);
            LittleEndian.WriteI32(b, o + OffScoid, Scoid);
            LittleEndian.WriteI32(b, o + OffCoid, Coid);
            LittleEndian.WriteI32(b, o + OffMsglen, Msglen);
            LittleEndian.WriteI32(b, o + OffSrcmsglen, Srcmsglen);
            LittleEndian.WriteI32(b, o + OffDstmsglen, Dstmsglen);
            LittleEndian.WriteI16(b, o + OffPriority, Priority);
            LittleEndian.WriteI16(b, o + OffFlags, Flags);
            LittleEndian.WriteU32(b, o + OffTypeId, TypeId);
            return Size;
        }

        public void CopyFrom(MsgInfo32 other)
        {
            Nd = other.Nd; Srcnd = other.Srcnd; Pid = other.Pid; Tid = other.Tid; Chid = other.Chid;
            Scoid = other.Scoid; Coid = other.Coid; Msglen = other.Msglen; Srcmsglen = other.Srcmsglen;
            Dstmsglen = other.Dstmsglen; Priority = other.Priority; Flags = other.Flags; TypeId = other.TypeId;
        }
    }
}
