using System;
using System.Collections.Generic;
using Gateway.Protocol.Qnx;

namespace Gateway.Host.Wire;

/// <summary>The QNX names of flag words, printed by <c>wire decode</c> as <c>&lt;field&gt;_names</c> (decoration only).</summary>
public static class FlagNames
{
    /// <summary>PROT_* names; PROT_NONE for 0; bits outside PROT_MASK as a hex remainder.</summary>
    public static IReadOnlyList<string> Prot(Int128 value)
    {
        uint v = (uint)value;
        var names = new List<string>();
        if (v == 0)
        {
            names.Add("PROT_NONE");
            return names;
        }

        Bit(names, ref v, Gateway.Protocol.Qnx.Prot.Read, "PROT_READ");
        Bit(names, ref v, Gateway.Protocol.Qnx.Prot.Write, "PROT_WRITE");
        Bit(names, ref v, Gateway.Protocol.Qnx.Prot.Exec, "PROT_EXEC");
        Bit(names, ref v, Gateway.Protocol.Qnx.Prot.NoCache, "PROT_NOCACHE");
        Rest(names, v);
        return names;
    }

    /// <summary>_IO_MMAP_REPLY_FLAGS_* names, with the cache mode and the stat form spelled out.</summary>
    public static IReadOnlyList<string> MmapReply(Int128 value)
    {
        uint v = (uint)value;
        var names = new List<string>();
        Bit(names, ref v, MmapReplyFlags.UseExtended, "USE_EXTENDED");
        switch (v & MmapReplyFlags.CacheMask)
        {
            case MmapReplyFlags.CacheForceInvalidate: names.Add("CACHE_FORCE_INVALIDATE"); break;
            case MmapReplyFlags.CacheReadFromCache: names.Add("CACHE_READ_FROM_CACHE"); break;
            case MmapReplyFlags.CacheDeferToMemmgr: names.Add("CACHE_DEFER_TO_MEMMGR"); break;
            default: names.Add("CACHE_DEFAULT"); break;
        }

        names.Add("STAT_FORM_" + StatForm.Name(MmapReplyFlags.StatForm(v))!.ToUpperInvariant());
        v &= ~(MmapReplyFlags.CacheMask | MmapReplyFlags.StatFormMask);
        Bit(names, ref v, MmapReplyFlags.BypassFstatvfs, "BYPASS_FSTATVFS");
        Bit(names, ref v, MmapReplyFlags.Removable, "REMOVABLE");
        Bit(names, ref v, MmapReplyFlags.ServerShmemObject, "SERVER_SHMEM_OBJECT");
        Rest(names, v);
        return names;
    }

    /// <summary>_NTO_MI_* names of <c>_msg_info32.flags</c>.</summary>
    public static IReadOnlyList<string> MsgInfo(Int128 value)
    {
        uint v = (ushort)(short)value;
        var names = new List<string>();
        Bit(names, ref v, MsgInfoFlags.EndianBig, "_NTO_MI_ENDIAN_BIG");
        Bit(names, ref v, MsgInfoFlags.EndianDiff, "_NTO_MI_ENDIAN_DIFF");
        Bit(names, ref v, MsgInfoFlags.UnblockReq, "_NTO_MI_UNBLOCK_REQ");
        Bit(names, ref v, MsgInfoFlags.Bits64, "_NTO_MI_BITS_64");
        Bit(names, ref v, MsgInfoFlags.BitsDiff, "_NTO_MI_BITS_DIFF");
        Rest(names, v);
        return names;
    }

    /// <summary>The S_IF* type of st_mode and its permission bits in octal, e.g. ["S_IFREG", "0644"].</summary>
    public static IReadOnlyList<string> Mode(Int128 value)
    {
        uint v = (uint)value;
        string type = (v & FileMode.TypeMask) switch
        {
            FileMode.Fifo => "S_IFIFO",
            FileMode.Chr => "S_IFCHR",
            FileMode.Dir => "S_IFDIR",
            FileMode.Nam => "S_IFNAM",
            FileMode.Blk => "S_IFBLK",
            FileMode.Reg => "S_IFREG",
            FileMode.Lnk => "S_IFLNK",
            FileMode.Sock => "S_IFSOCK",
            0 => "",
            _ => $"S_IFMT(0x{v & FileMode.TypeMask:x})",
        };
        var names = new List<string>();
        if (type.Length > 0)
        {
            names.Add(type);
        }

        names.Add("0" + Convert.ToString(v & FileMode.PermMask, 8).PadLeft(3, '0'));
        return names;
    }

    private static void Bit(List<string> names, ref uint v, uint bit, string name)
    {
        if ((v & bit) != 0)
        {
            names.Add(name);
            v &= ~bit;
        }
    }

    private static void Rest(List<string> names, uint v)
    {
        if (v != 0)
        {
            names.Add($"0x{v:x}");
        }
    }
}
