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
}
