using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Messages
{
    /// <summary><c>struct _client_info</c>, 76 bytes: nd u32 0, pid i32 4, sid i32 8, flags u32 12, cred 16.</summary>
    public sealed class ClientInfo
    {
        public const int Size = 76;
        public const int OffNd = 0;
        public const int OffPid = 4;
        public const int OffSid = 8;
        public const int OffFlags = 12;
        public const int OffCred = 16;

        public uint Nd;
        public int Pid;
        public int Sid;
        public uint Flags;
        public readonly CredInfo Cred = new CredInfo();

        public DecodeError Decode(byte[] b, int o, int count)
        {
            if (count < Size || !Codec.Fits(b, o, Size))
            {
                return DecodeError.Truncated;
            }

            Nd = LittleEndian.ReadU32(b, o + OffNd);
            Pid = LittleEndian.ReadI32(b, o + OffPid);
            Sid = LittleEndian.ReadI32(b, o + OffSid);
            Flags = LittleEndian.ReadU32(b, o + OffFlags);
            return Cred.Decode(b, o + OffCred, CredInfo.Size);
        }

        public int Encode(byte[] b, int o)
        {
            Codec.CheckSpace(b, o, Size);
            LittleEndian.WriteU32(b, o + OffNd, Nd);
            LittleEndian.WriteI32(b, o + OffPid, Pid);
            LittleEndian.WriteI32(b, o + OffSid, Sid);
            LittleEndian.WriteU32(b, o + OffFlags, Flags);
            Cred.Encode(b, o + OffCred);
            return Size;
        }
    }
}
