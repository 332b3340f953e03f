using System;
using Gateway.Protocol.Messages;

namespace Gateway.Protocol.Tests.Qnx;

/// <summary>Shared checks of the golden-vector tests: field comparison, dirty-buffer encoding.</summary>
internal static class CodecAssert
{
    /// <summary>Bytes before the struct in a dirty buffer, so an encoder writing below its offset shows.</summary>
    public const int Margin = 5;

    public static void Field(GoldenVector v, string path, Int128 actual)
    {
        Int128 expected = v.N(path);
        Assert.True(expected == actual, $"{v.Name}: {path} expected {expected}, decoded {actual}");
    }

    /// <summary>A buffer of 0xFF with <see cref="Margin"/> bytes before and after room for <paramref name="size"/> bytes.</summary>
    public static byte[] Dirty(int size)
    {
        byte[] b = new byte[size + (2 * Margin)];
        Array.Fill(b, (byte)0xFF);
        return b;
    }

    /// <summary>
    /// Encodes into a 0xFF-filled buffer at offset <see cref="Margin"/> and checks that the encoder returned the
    /// expected size, wrote exactly the expected bytes (reserved ones included) and touched nothing around them.
    /// </summary>
    public static void Encodes(string name, byte[] expected, Func<byte[], int, int> encode)
    {
        byte[] b = Dirty(expected.Length);
        int written = encode(b, Margin);
        Assert.Equal(expected.Length, written);
        for (int i = 0; i < b.Length; i++)
        {
            bool inside = i >= Margin && i < Margin + expected.Length;
            byte want = inside ? expected[i - Margin] : (byte)0xFF;
            Assert.True(b[i] == want, $"{name}: byte {i - Margin} is 0x{b[i]:x2}, expected 0x{want:x2}{(inside ? "" : " (outside the struct)")}");
        }
    }

    /// <summary>The golden bytes placed at <see cref="Margin"/> inside a 0xFF buffer with 0xFF after them too.</summary>
    public static byte[] Embedded(byte[] golden, int extraAfter = Margin)
    {
        byte[] b = new byte[Margin + golden.Length + extraAfter];
        Array.Fill(b, (byte)0xFF);
        Array.Copy(golden, 0, b, Margin, golden.Length);
        return b;
    }

    public static void MsgInfo(GoldenVector v, string prefix, MsgInfo32 m)
    {
        Field(v, prefix + "nd", m.Nd);
        Field(v, prefix + "srcnd", m.Srcnd);
        Field(v, prefix + "pid", m.Pid);
        Field(v, prefix + "tid", m.Tid);
        Field(v, prefix + "chid", m.Chid);
        Field(v, prefix + "scoid", m.Scoid);
        Field(v, prefix + "coid", m.Coid);
        Field(v, prefix + "msglen", m.Msglen);
        Field(v, prefix + "srcmsglen", m.Srcmsglen);
        Field(v, prefix + "dstmsglen", m.Dstmsglen);
        Field(v, prefix + "priority", m.Priority);
        Field(v, prefix + "flags", m.Flags);
        Field(v, prefix + "type_id", m.TypeId);
    }

    public static void FillMsgInfo(GoldenVector v, string prefix, MsgInfo32 m)
    {
        m.Nd = (uint)v.N(prefix + "nd");
        m.Srcnd = (uint)v.N(prefix + "srcnd");
        m.Pid = (int)v.N(prefix + "pid");
        m.Tid = (int)v.N(prefix + "tid");
        m.Chid = (int)v.N(prefix + "chid");
        m.Scoid = (int)v.N(prefix + "scoid");
        m.Coid = (int)v.N(prefix + "coid");
        m.Msglen = (int)v.N(prefix + "msglen");
        m.Srcmsglen = (int)v.N(prefix + "srcmsglen");
        m.Dstmsglen = (int)v.N(prefix + "dstmsglen");
        m.Priority = (short)v.N(prefix + "priority");
        m.Flags = (short)v.N(prefix + "flags");
        m.TypeId = (uint)v.N(prefix + "type_id");
    }

    public static void MmapReply(GoldenVector v, string prefix, IoMmapReply r)
    {
        Field(v, prefix + "zero", r.Zero);
        Field(v, prefix + "allowed_prot", r.AllowedProt);
        Field(v, prefix + "offset", r.Offset);
        Field(v, prefix + "coid", r.Coid);
        Field(v, prefix + "fd", r.Fd);
    }

    public static void FillMmapReply(GoldenVector v, string prefix, IoMmapReply r)
    {
        r.AllowedProt = (uint)v.N(prefix + "allowed_prot");
        r.Offset = (ulong)v.N(prefix + "offset");
        r.Coid = (int)v.N(prefix + "coid");
        r.Fd = (int)v.N(prefix + "fd");
    }

    /// <summary>Checks a stat against the vector's fields; <paramref name="form"/> picks the names and the timespecs.</summary>
    public static void Stat(GoldenVector v, string prefix, int form, Messages.Stat s)
    {
        bool is2008 = form != Gateway.Protocol.Qnx.StatForm.T32_2001;
        Field(v, prefix + "st_ino", s.Ino);
        Field(v, prefix + "st_size", s.Size);
        Field(v, prefix + "st_dev", s.Dev);
        Field(v, prefix + "st_rdev", s.Rdev);
        Field(v, prefix + "st_uid", s.Uid);
        Field(v, prefix + "st_gid", s.Gid);
        Field(v, prefix + (is2008 ? "__old_st_mtime" : "st_mtime"), s.Mtime);
        Field(v, prefix + (is2008 ? "__old_st_atime" : "st_atime"), s.Atime);
        Field(v, prefix + (is2008 ? "__old_st_ctime" : "st_ctime"), s.Ctime);
        Field(v, prefix + "st_mode", s.Mode);
        Field(v, prefix + "st_nlink", s.Nlink);
        Field(v, prefix + "st_blocksize", s.Blocksize);
        Field(v, prefix + "st_nblocks", s.Nblocks);
        Field(v, prefix + "st_blksize", s.Blksize);
        Field(v, prefix + "st_blocks", s.Blocks);
        if (is2008)
        {
            Field(v, prefix + "st_mtim.tv_sec", s.MtimSec);
            Field(v, prefix + "st_mtim.tv_nsec", s.MtimNsec);
            Field(v, prefix + "st_atim.tv_sec", s.AtimSec);
            Field(v, prefix + "st_atim.tv_nsec", s.AtimNsec);
            Field(v, prefix + "st_ctim.tv_sec", s.CtimSec);
            Field(v, prefix + "st_ctim.tv_nsec", s.CtimNsec);
        }
    }

    public static void FillStat(GoldenVector v, string prefix, int form, Messages.Stat s)
    {
        bool is2008 = form != Gateway.Protocol.Qnx.StatForm.T32_2001;
        s.Ino = (ulong)v.N(prefix + "st_ino");
        s.Size = (long)v.N(prefix + "st_size");
        s.Dev = (uint)v.N(prefix + "st_dev");
        s.Rdev = (uint)v.N(prefix + "st_rdev");
        s.Uid = (int)v.N(prefix + "st_uid");
        s.Gid = (int)v.N(prefix + "st_gid");
        s.Mtime = (uint)v.N(prefix + (is2008 ? "__old_st_mtime" : "st_mtime"));
        s.Atime = (uint)v.N(prefix + (is2008 ? "__old_st_atime" : "st_atime"));
        s.Ctime = (uint)v.N(prefix + (is2008 ? "__old_st_ctime" : "st_ctime"));
        s.Mode = (uint)v.N(prefix + "st_mode");
        s.Nlink = (uint)v.N(prefix + "st_nlink");
        s.Blocksize = (uint)v.N(prefix + "st_blocksize");
        s.Nblocks = (int)v.N(prefix + "st_nblocks");
        s.Blksize = (uint)v.N(prefix + "st_blksize");
        s.Blocks = (ulong)v.N(prefix + "st_blocks");
        if (is2008)
        {
            s.MtimSec = (long)v.N(prefix + "st_mtim.tv_sec");
            s.MtimNsec = (long)v.N(prefix + "st_mtim.tv_nsec");
            s.AtimSec = (long)v.N(prefix + "st_atim.tv_sec");
            s.AtimNsec = (long)v.N(prefix + "st_atim.tv_nsec");
            s.CtimSec = (long)v.N(prefix + "st_ctim.tv_sec");
            s.CtimNsec = (long)v.N(prefix + "st_ctim.tv_nsec");
        }
    }

    public static void Cred(GoldenVector v, string prefix, CredInfo c)
    {
        Field(v, prefix + "ruid", c.Ruid);
        Field(v, prefix + "euid", c.Euid);
        Field(v, prefix + "suid", c.Suid);
        Field(v, prefix + "rgid", c.Rgid);
        Field(v, prefix + "egid", c.Egid);
        Field(v, prefix + "sgid", c.Sgid);
        Field(v, prefix + "ngroups", c.Ngroups);
        for (int i = 0; i < CredInfo.MaxGroups; i++)
        {
            Field(v, prefix + $"grouplist[{i}]", c.Grouplist[i]);
        }
    }

    public static void FillCred(GoldenVector v, string prefix, CredInfo c)
    {
        c.Ruid = (int)v.N(prefix + "ruid");
        c.Euid = (int)v.N(prefix + "euid");
        c.Suid = (int)v.N(prefix + "suid");
        c.Rgid = (int)v.N(prefix + "rgid");
        c.Egid = (int)v.N(prefix + "egid");
        c.Sgid = (int)v.N(prefix + "sgid");
        c.Ngroups = (uint)v.N(prefix + "ngroups");
        for (int i = 0; i < CredInfo.MaxGroups; i++)
        {
            c.Grouplist[i] = (int)v.N(prefix + $"grouplist[{i}]");
        }
    }
}
