using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Messages
{
    /// <summary>
    /// <c>struct _cred_info</c>, 60 bytes: ruid 0, euid 4, suid 8, rgid 12, egid 16, sgid 20 (i32),
    /// ngroups u32 24, grouplist i32[8] 28. qnx-messages.md.
    /// </summary>
    public sealed class CredInfo
    {
        public const int Size = 60;
        public const int MaxGroups = 8;
        public const int OffRuid = 0;
        public const int OffEuid = 4;
        public const int OffSuid = 8;
        public const int OffRgid = 12;
        public const int OffEgid = 16;
        public const int OffSgid = 20;
        public const int OffNgroups = 24;
        public const int OffGrouplist = 28;

        public int Ruid;
        public int Euid;
        public int Suid;
        public int Rgid;
        public int Egid;
        public int Sgid;
        public uint Ngroups;
        public readonly int[] Grouplist = new int[MaxGroups];

        /// <summary>Decodes the credentials; <c>ngroups</c> above 8 is <see cref="DecodeError.BadValue"/>.</summary>
        public DecodeError Decode(byte[] b, int o, int count)
        {
            if (count < Size || !Codec.Fits(b, o, Size))
            {
                return DecodeError.Truncated;
            }

            Ruid = LittleEndian.ReadI32(b, o + OffRuid);
            Euid = LittleEndian.ReadI32(b, o + OffEuid);
            Suid = LittleEndian.ReadI32(b, o + OffSuid);
            Rgid = LittleEndian.ReadI32(b, o + OffRgid);
            Egid = LittleEndian.ReadI32(b, o + OffEgid);
            Sgid = LittleEndian.ReadI32(b, o + OffSgid);
            Ngroups = LittleEndian.ReadU32(b, o + OffNgroups);
            for (int i = 0; i < MaxGroups; i++)
            {
                Grouplist[i] = LittleEndian.ReadI32(b, o + OffGrouplist + (4 * i));
            }

            return Ngroups > MaxGroups ? DecodeError.BadValue : DecodeError.None;
        }

        /// <summary>Encodes; group slots at and past <c>ngroups</c> are written as zero.</summary>
        public int Encode(byte[] b, int o)
        {
            Codec.CheckSpace(b, o, Size);
            LittleEndian.WriteI32(b, o + OffRuid, Ruid);
            LittleEndian.WriteI32(b, o + OffEuid, Euid);
            LittleEndian.WriteI32(b, o + OffSuid, Suid);
            LittleEndian.WriteI32(b, o + OffRgid, Rgid);
            LittleEndian.WriteI32(b, o + OffEgid, Egid);
            LittleEndian.WriteI32(b, o + OffSgid, Sgid);
            LittleEndian.WriteU32(b, o + OffNgroups, Ngroups);
            for (int i = 0; i < MaxGroups; i++)
            {
                LittleEndian.WriteI32(b, o + OffGrouplist + (4 * i), i < Ngroups ? Grouplist[i] : 0);
            }

            return Size;
        }

        /// <summary>True when <paramref name="gid"/> is the effective gid or one of the first <c>ngroups</c> groups.</summary>
        public bool InGroup(int gid)
        {
            if (Egid == gid)
            {
                return true;
            }

            uint n = Ngroups > MaxGroups ? MaxGroups : Ngroups;
            for (int i = 0; i < n; i++)
            {
                if (Grouplist[i] == gid)
                {
                    return true;
                }
            }

            return false;
        }

        public void CopyFrom(CredInfo c)
        {
            Ruid = c.Ruid; Euid = c.Euid; Suid = c.Suid; Rgid = c.Rgid; Egid = c.Egid; Sgid = c.Sgid; Ngroups = c.Ngroups;
            for (int i = 0; i < MaxGroups; i++)
            {
                Grouplist[i] = c.Grouplist[i];
            }
        }
    }

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
