using System;
using System.Collections.Generic;
using Gateway.Protocol.Qnx;

namespace Gateway.Host.Conformance.Format;

/// <summary>
/// The symbolic constants a scenario file may use in any integer field (qnx-wire.md values): <c>PROT_*</c>,
/// <c>MAP_*</c>, <c>MS_*</c>, <c>O_*</c>, <c>SH_*</c>, <c>S_IF*</c>, errno names, <c>_IO_*</c> message types,
/// <c>_IO_MMAP_REPLY_FLAGS_*</c> (with or without that prefix), <c>_STAT_FORM_*</c>, <c>SEEK_*</c>… Two symbols
/// depend on the target and are resolved when the step runs: <c>STAT_FORM_PREFERRED</c> (the reply flag bits of
/// the board's preferred stat form), <c>_STAT_FORM_PREFERRED</c> (the form number) and <c>_STAT_SIZE_PREFERRED</c> (its size).
/// </summary>
public static class Symbols
{
    /// <summary>Symbols whose value comes from the target (see the class summary).</summary>
    public const string StatFormPreferredFlags = "STAT_FORM_PREFERRED";

    public const string StatFormPreferred = "_STAT_FORM_PREFERRED";

    /// <summary>The size of the board's preferred stat form (120 on a 64-bit board, 72 on a 32-bit one).</summary>
    public const string StatSizePreferred = "_STAT_SIZE_PREFERRED";

    private static readonly Dictionary<string, ulong> Table = Build();

    public static bool IsDynamic(string name) => name is StatFormPreferredFlags or StatFormPreferred or StatSizePreferred;

    public static bool TryGet(string name, out ulong value) => Table.TryGetValue(name, out value);

    /// <summary>The errno named <paramref name="name"/> (<c>EOK</c> is 0), or -1.</summary>
    public static int Errno(string name) => Protocol.Qnx.Errno.FromName(name);

    private static Dictionary<string, ulong> Build()
    {
        var t = new Dictionary<string, ulong>(StringComparer.Ordinal)
        {
            ["PAGE_SIZE"] = 4096,
            ["NOFD"] = unchecked((ulong)-1L),

            ["PROT_NONE"] = Prot.None,
            ["PROT_READ"] = Prot.Read,
            ["PROT_WRITE"] = Prot.Write,
            ["PROT_EXEC"] = Prot.Exec,
            ["PROT_NOCACHE"] = Prot.NoCache,
            ["PROT_MASK"] = Prot.Mask,

            ["MAP_SHARED"] = MapFlags.Shared,
            ["MAP_PRIVATE"] = MapFlags.Private,
            ["MAP_TYPE"] = MapFlags.Type,
            ["MAP_FIXED"] = MapFlags.Fixed,
            ["MAP_ELF"] = MapFlags.Elf,
            ["MAP_NOSYNCFILE"] = MapFlags.NoSyncFile,
            ["MAP_LAZY"] = MapFlags.Lazy,
            ["MAP_STACK"] = MapFlags.Stack,
            ["MAP_BELOW"] = MapFlags.Below,
            ["MAP_NOINIT"] = MapFlags.NoInit,
            ["MAP_PHYS"] = MapFlags.Phys,
            ["MAP_NOINHERIT"] = MapFlags.NoInherit,
            ["MAP_HANDLE"] = MapFlags.Handle,
            ["MAP_ANON"] = MapFlags.Anon,
            ["MAP_ANONYMOUS"] = MapFlags.Anon,
            ["MAP_SYSRAM"] = MapFlags.SysRam,
            ["MAP_RESERVMASK"] = MapFlags.ReservMask,
            ["MS_ASYNC"] = MapFlags.MsAsync,
            ["MS_SYNC"] = MapFlags.MsSync,
            ["MS_INVALIDATE"] = MapFlags.MsInvalidate,

            ["O_RDONLY"] = OpenFlags.ReadOnly,
            ["O_WRONLY"] = OpenFlags.WriteOnly,
            ["O_RDWR"] = OpenFlags.ReadWrite,
            ["O_EXEC"] = OpenFlags.Exec,
            ["O_ACCMODE"] = OpenFlags.AccMode,
            ["O_APPEND"] = OpenFlags.Append,
            ["O_CREAT"] = OpenFlags.Creat,
            ["O_TRUNC"] = OpenFlags.Trunc,
            ["O_EXCL"] = OpenFlags.Excl,
            ["_IO_FLAG_RD"] = OpenFlags.IoFlagRead,
            ["_IO_FLAG_WR"] = OpenFlags.IoFlagWrite,
            ["_IO_FLAG_EX"] = OpenFlags.IoFlagExec,
            ["_IO_FLAG_MASK"] = OpenFlags.IoFlagMask,
            ["SH_COMPAT"] = OpenFlags.ShCompat,
            ["SH_DENYRW"] = OpenFlags.ShDenyRw,
            ["SH_DENYWR"] = OpenFlags.ShDenyWr,
            ["SH_DENYRD"] = OpenFlags.ShDenyRd,
            ["SH_DENYNO"] = OpenFlags.ShDenyNo,

            ["S_IFMT"] = FileMode.TypeMask,
            ["S_IFIFO"] = FileMode.Fifo,
            ["S_IFCHR"] = FileMode.Chr,
            ["S_IFDIR"] = FileMode.Dir,
            ["S_IFNAM"] = FileMode.Nam,
            ["S_IFBLK"] = FileMode.Blk,
            ["S_IFREG"] = FileMode.Reg,
            ["S_IFLNK"] = FileMode.Lnk,
            ["S_IFSOCK"] = FileMode.Sock,
            ["S_ISUID"] = FileMode.SetUid,
            ["S_ISGID"] = FileMode.SetGid,
            ["S_ISVTX"] = FileMode.Sticky,
            ["_S_INSEM"] = FileMode.SubtypeSem,
            ["_S_INSHD"] = FileMode.SubtypeShm,
            ["_S_INMQ"] = FileMode.SubtypeMq,
            ["_S_INTMO"] = FileMode.SubtypeTmo,

            ["_STAT_FORM_UNSET"] = (ulong)StatForm.Unset,
            ["_STAT_FORM_T32_2001"] = (ulong)StatForm.T32_2001,
            ["_STAT_FORM_T32_2008"] = (ulong)StatForm.T32_2008,
            ["_STAT_FORM_T64_2008"] = (ulong)StatForm.T64_2008,

            ["_IO_COMBINE_FLAG"] = IoMessageType.CombineFlag,
            ["_IO_XTYPE_NONE"] = XType.None,
            ["_IO_XTYPE_OFFSET"] = XType.Offset,
            ["_IO_XTYPE_READCOND"] = XType.ReadCond,
            ["_IO_CONNECT_COMBINE"] = ConnectSubtype.Combine,
            ["_IO_CONNECT_COMBINE_CLOSE"] = ConnectSubtype.CombineClose,
            ["_IO_CONNECT_OPEN"] = ConnectSubtype.Open,
            ["_IO_CONNECT_UNLINK"] = ConnectSubtype.Unlink,
            ["SEEK_SET"] = (ulong)Whence.Set,
            ["SEEK_CUR"] = (ulong)Whence.Current,
            ["SEEK_END"] = (ulong)Whence.End,
            ["_NTO_MI_ENDIAN_BIG"] = MsgInfoFlags.EndianBig,
            ["_NTO_MI_ENDIAN_DIFF"] = MsgInfoFlags.EndianDiff,
            ["_NTO_MI_UNBLOCK_REQ"] = MsgInfoFlags.UnblockReq,
            ["_NTO_MI_BITS_64"] = MsgInfoFlags.Bits64,
            ["_NTO_MI_BITS_DIFF"] = MsgInfoFlags.BitsDiff,
        };

        foreach (var (name, value) in new (string, uint)[]
        {
            ("USE_EXTENDED", MmapReplyFlags.UseExtended),
            ("CACHE_DEFAULT", MmapReplyFlags.CacheDefault),
            ("CACHE_FORCE_INVALIDATE", MmapReplyFlags.CacheForceInvalidate),
            ("CACHE_READ_FROM_CACHE", MmapReplyFlags.CacheReadFromCache),
            ("CACHE_DEFER_TO_MEMMGR", MmapReplyFlags.CacheDeferToMemmgr),
            ("CACHE_MASK", MmapReplyFlags.CacheMask),
            ("STAT_FORM_MASK", MmapReplyFlags.StatFormMask),
            ("STAT_FORM_T32_2001", MmapReplyFlags.StatFormToFlags(StatForm.T32_2001)),
            ("STAT_FORM_T32_2008", MmapReplyFlags.StatFormToFlags(StatForm.T32_2008)),
            ("STAT_FORM_T64_2008", MmapReplyFlags.StatFormToFlags(StatForm.T64_2008)),
            ("BYPASS_FSTATVFS", MmapReplyFlags.BypassFstatvfs),
            ("REMOVABLE", MmapReplyFlags.Removable),
            ("SERVER_SHMEM_OBJECT", MmapReplyFlags.ServerShmemObject),
        })
        {
            t[name] = value;
            t["_IO_MMAP_REPLY_FLAGS_" + name] = value;
        }

        for (int type = IoMessageType.Base; type <= IoMessageType.Base + 0x20; type++)
        {
            string? name = IoMessageType.Name(type);
            if (name != null)
            {
                t[name] = (ulong)type;
            }
        }

        for (int e = 0; e <= 200; e++)
        {
            string? name = Protocol.Qnx.Errno.Name(e);
            if (name != null)
            {
                t[name] = (ulong)e;
            }
        }

        t["SIGBUS"] = 10;
        t["SIGSEGV"] = 11;
        return t;
    }
}
