using System;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;

namespace Gateway.Host.Wire;

/// <summary>
/// The member tables of the QNX structs (qnx-wire.md), bound to the board codec objects. Offsets are the codecs'
/// own named constants, so a table and its codec cannot drift apart silently; the golden-vector tests check both.
/// </summary>
public static class QnxLayouts
{
    public static readonly StructLayout<MsgInfo32> MsgInfo32 = new StructLayout<MsgInfo32>()
        .Add("nd", Gateway.Protocol.Messages.MsgInfo32.OffNd, WireKind.U32, m => m.Nd, (m, v) => m.Nd = (uint)v)
        .Add("srcnd", Gateway.Protocol.Messages.MsgInfo32.OffSrcnd, WireKind.U32, m => m.Srcnd, (m, v) => m.Srcnd = (uint)v)
        .Add("pid", Gateway.Protocol.Messages.MsgInfo32.OffPid, WireKind.I32, m => m.Pid, (m, v) => m.Pid = (int)v)
        .Add("tid", Gateway.Protocol.Messages.MsgInfo32.OffTid, WireKind.I32, m => m.Tid, (m, v) => m.Tid = (int)v)
        .Add("chid", Gateway.Protocol.Messages.MsgInfo32.OffChid, WireKind.I32, m => m.Chid, (m, v) => m.Chid = (int)v)
        .Add("scoid", Gateway.Protocol.Messages.MsgInfo32.OffScoid, WireKind.I32, m => m.Scoid, (m, v) => m.Scoid = (int)v)
        .Add("coid", Gateway.Protocol.Messages.MsgInfo32.OffCoid, WireKind.I32, m => m.Coid, (m, v) => m.Coid = (int)v)
        .Add("msglen", Gateway.Protocol.Messages.MsgInfo32.OffMsglen, WireKind.I32, m => m.Msglen, (m, v) => m.Msglen = (int)v)
        .Add("srcmsglen", Gateway.Protocol.Messages.MsgInfo32.OffSrcmsglen, WireKind.I32, m => m.Srcmsglen, (m, v) => m.Srcmsglen = (int)v)
        .Add("dstmsglen", Gateway.Protocol.Messages.MsgInfo32.OffDstmsglen, WireKind.I32, m => m.Dstmsglen, (m, v) => m.Dstmsglen = (int)v)
        .Add("priority", Gateway.Protocol.Messages.MsgInfo32.OffPriority, WireKind.I16, m => m.Priority, (m, v) => m.Priority = (short)v)
        .Add("flags", Gateway.Protocol.Messages.MsgInfo32.OffFlags, WireKind.I16, m => m.Flags, (m, v) => m.Flags = (short)v, names: FlagNames.MsgInfo)
        .Add("type_id", Gateway.Protocol.Messages.MsgInfo32.OffTypeId, WireKind.U32, m => m.TypeId, (m, v) => m.TypeId = (uint)v);

    public static readonly StructLayout<IoMmapRequest> IoMmap = BuildMmap();

    public static readonly StructLayout<IoMmapReply> IoMmapReply = new StructLayout<IoMmapReply>()
        .Reserved("zero", Gateway.Protocol.Messages.IoMmapReply.OffZero, WireKind.U32, r => r.Zero, (r, v) => r.Zero = (uint)v)
        .Add("allowed_prot", Gateway.Protocol.Messages.IoMmapReply.OffAllowedProt, WireKind.U32, r => r.AllowedProt, (r, v) => r.AllowedProt = (uint)v, names: FlagNames.Prot)
        .Add("offset", Gateway.Protocol.Messages.IoMmapReply.OffOffset, WireKind.U64, r => r.Offset, (r, v) => r.Offset = (ulong)v)
        .Add("coid", Gateway.Protocol.Messages.IoMmapReply.OffCoid, WireKind.I32, r => r.Coid, (r, v) => r.Coid = (int)v)
        .Add("fd", Gateway.Protocol.Messages.IoMmapReply.OffFd, WireKind.I32, r => r.Fd, (r, v) => r.Fd = (int)v);

    public static readonly StructLayout<CredInfo> CredInfo = BuildCred();

    private static StructLayout<IoMmapRequest> BuildMmap()
    {
        var l = new StructLayout<IoMmapRequest>()
            .Add("type", Codec.OffType, WireKind.U16, m => m.Type, (m, v) => m.Type = (ushort)v, expect: IoMessageType.Mmap, expectName: "_IO_MMAP")
            .Add("combine_len", Codec.OffCombineLen, WireKind.U16, m => m.CombineLen, (m, v) => m.CombineLen = (ushort)v)
            .Add("prot", IoMmapRequest.OffProt, WireKind.U32, m => m.Prot, (m, v) => m.Prot = (uint)v, names: FlagNames.Prot)
            .Add("offset", IoMmapRequest.OffOffset, WireKind.U64, m => m.Offset, (m, v) => m.Offset = (ulong)v)
            .Include(MsgInfo32, "info.", IoMmapRequest.OffInfo, m => m.Info)
            .Add("required_prot", IoMmapRequest.OffRequiredProt, WireKind.U32, m => m.RequiredProt, (m, v) => m.RequiredProt = (uint)v, names: FlagNames.Prot);
        for (int i = 0; i < IoMmapRequest.ZeroCount; i++)
        {
            int k = i;
            l.Reserved($"zero[{k}]", IoMmapRequest.OffZero + (4 * k), WireKind.U32, m => m.Zero[k], (m, v) => m.Zero[k] = (uint)v);
        }

        return l.Add("requested_len", IoMmapRequest.OffRequestedLen, WireKind.U64, m => m.RequestedLen, (m, v) => m.RequestedLen = (ulong)v);
    }

    /// <summary>The stat members of <paramref name="form"/>: the 2008 forms call the 32-bit seconds <c>__old_st_*</c> and add the timespecs.</summary>
    public static StructLayout<Stat> Stat(int form)
    {
        bool is2008 = form == StatForm.T32_2008 || form == StatForm.T64_2008;
        string old = is2008 ? "__old_" : "";
        var l = new StructLayout<Stat>()
            .Add("st_ino", Gateway.Protocol.Messages.Stat.OffIno, WireKind.U64, s => s.Ino, (s, v) => s.Ino = (ulong)v)
            .Add("st_size", Gateway.Protocol.Messages.Stat.OffSize, WireKind.I64, s => s.Size, (s, v) => s.Size = (long)v)
            .Add("st_dev", Gateway.Protocol.Messages.Stat.OffDev, WireKind.U32, s => s.Dev, (s, v) => s.Dev = (uint)v)
            .Add("st_rdev", Gateway.Protocol.Messages.Stat.OffRdev, WireKind.U32, s => s.Rdev, (s, v) => s.Rdev = (uint)v)
            .Add("st_uid", Gateway.Protocol.Messages.Stat.OffUid, WireKind.I32, s => s.Uid, (s, v) => s.Uid = (int)v)
            .Add("st_gid", Gateway.Protocol.Messages.Stat.OffGid, WireKind.I32, s => s.Gid, (s, v) => s.Gid = (int)v)
            .Add(old + "st_mtime", Gateway.Protocol.Messages.Stat.OffMtime, WireKind.U32, s => s.Mtime, (s, v) => s.Mtime = (uint)v)
            .Add(old + "st_atime", Gateway.Protocol.Messages.Stat.OffAtime, WireKind.U32, s => s.Atime, (s, v) => s.Atime = (uint)v)
            .Add(old + "st_ctime", Gateway.Protocol.Messages.Stat.OffCtime, WireKind.U32, s => s.Ctime, (s, v) => s.Ctime = (uint)v)
            .Add("st_mode", Gateway.Protocol.Messages.Stat.OffMode, WireKind.U32, s => s.Mode, (s, v) => s.Mode = (uint)v, names: FlagNames.Mode)
            .Add("st_nlink", Gateway.Protocol.Messages.Stat.OffNlink, WireKind.U32, s => s.Nlink, (s, v) => s.Nlink = (uint)v)
            .Add("st_blocksize", Gateway.Protocol.Messages.Stat.OffBlocksize, WireKind.U32, s => s.Blocksize, (s, v) => s.Blocksize = (uint)v)
            .Add("st_nblocks", Gateway.Protocol.Messages.Stat.OffNblocks, WireKind.I32, s => s.Nblocks, (s, v) => s.Nblocks = (int)v)
            .Add("st_blksize", Gateway.Protocol.Messages.Stat.OffBlksize, WireKind.U32, s => s.Blksize, (s, v) => s.Blksize = (uint)v)
            .Add("st_blocks", Gateway.Protocol.Messages.Stat.OffBlocks, WireKind.U64, s => s.Blocks, (s, v) => s.Blocks = (ulong)v);
        int t = Gateway.Protocol.Messages.Stat.OffTimespecs;
        if (form == StatForm.T32_2008)
        {
            int w = Gateway.Protocol.Messages.Stat.Timespec32Size;
            l.Add("st_mtim.tv_sec", t, WireKind.U32, s => s.MtimSec, (s, v) => s.MtimSec = (long)v)
             .Add("st_mtim.tv_nsec", t + 4, WireKind.I32, s => s.MtimNsec, (s, v) => s.MtimNsec = (long)v)
             .Add("st_atim.tv_sec", t + w, WireKind.U32, s => s.AtimSec, (s, v) => s.AtimSec = (long)v)
             .Add("st_atim.tv_nsec", t + w + 4, WireKind.I32, s => s.AtimNsec, (s, v) => s.AtimNsec = (long)v)
             .Add("st_ctim.tv_sec", t + (2 * w), WireKind.U32, s => s.CtimSec, (s, v) => s.CtimSec = (long)v)
             .Add("st_ctim.tv_nsec", t + (2 * w) + 4, WireKind.I32, s => s.CtimNsec, (s, v) => s.CtimNsec = (long)v);
        }
        else if (form == StatForm.T64_2008)
        {
            int w = Gateway.Protocol.Messages.Stat.Timespec64Size;
            l.Add("st_mtim.tv_sec", t, WireKind.I64, s => s.MtimSec, (s, v) => s.MtimSec = (long)v)
             .Add("st_mtim.tv_nsec", t + 8, WireKind.I64, s => s.MtimNsec, (s, v) => s.MtimNsec = (long)v)
             .Add("st_atim.tv_sec", t + w, WireKind.I64, s => s.AtimSec, (s, v) => s.AtimSec = (long)v)
             .Add("st_atim.tv_nsec", t + w + 8, WireKind.I64, s => s.AtimNsec, (s, v) => s.AtimNsec = (long)v)
             .Add("st_ctim.tv_sec", t + (2 * w), WireKind.I64, s => s.CtimSec, (s, v) => s.CtimSec = (long)v)
             .Add("st_ctim.tv_nsec", t + (2 * w) + 8, WireKind.I64, s => s.CtimNsec, (s, v) => s.CtimNsec = (long)v);
        }

        return l;
    }

    /// <summary>The extended mmap reply with the stat in <paramref name="form"/> (no stat members for UNSET).</summary>
    public static StructLayout<IoMmapReplyExt> IoMmapReplyExt(int form)
    {
        var l = new StructLayout<IoMmapReplyExt>()
            .Include(IoMmapReply, "base.", 0, r => r.Base)
            .Add("extended.flags", Gateway.Protocol.Messages.IoMmapReplyExt.OffFlags, WireKind.U32, r => r.Flags, (r, v) => r.Flags = (uint)v, names: FlagNames.MmapReply)
            .Reserved("extended.zero32", Gateway.Protocol.Messages.IoMmapReplyExt.OffZero32, WireKind.U32, r => r.Zero32, (r, v) => r.Zero32 = (uint)v);
        for (int i = 0; i < Gateway.Protocol.Messages.IoMmapReplyExt.Zero64Count; i++)
        {
            int k = i;
            l.Reserved($"extended.zero64[{k}]", Gateway.Protocol.Messages.IoMmapReplyExt.OffZero64 + (8 * k), WireKind.U64, r => r.Zero64[k], (r, v) => r.Zero64[k] = (ulong)v);
        }

        if (StatForm.SizeOf(form) != 0)
        {
            l.Include(Stat(form), "extended.stat.", Gateway.Protocol.Messages.IoMmapReplyExt.OffStat, r => r.Stat);
        }

        return l;
    }

    private static StructLayout<CredInfo> BuildCred()
    {
        var l = new StructLayout<CredInfo>()
            .Add("ruid", Gateway.Protocol.Messages.CredInfo.OffRuid, WireKind.I32, c => c.Ruid, (c, v) => c.Ruid = (int)v)
            .Add("euid", Gateway.Protocol.Messages.CredInfo.OffEuid, WireKind.I32, c => c.Euid, (c, v) => c.Euid = (int)v)
            .Add("suid", Gateway.Protocol.Messages.CredInfo.OffSuid, WireKind.I32, c => c.Suid, (c, v) => c.Suid = (int)v)
            .Add("rgid", Gateway.Protocol.Messages.CredInfo.OffRgid, WireKind.I32, c => c.Rgid, (c, v) => c.Rgid = (int)v)
            .Add("egid", Gateway.Protocol.Messages.CredInfo.OffEgid, WireKind.I32, c => c.Egid, (c, v) => c.Egid = (int)v)
            .Add("sgid", Gateway.Protocol.Messages.CredInfo.OffSgid, WireKind.I32, c => c.Sgid, (c, v) => c.Sgid = (int)v)
            .Add("ngroups", Gateway.Protocol.Messages.CredInfo.OffNgroups, WireKind.U32, c => c.Ngroups, (c, v) => c.Ngroups = (uint)v);
        for (int i = 0; i < Gateway.Protocol.Messages.CredInfo.MaxGroups; i++)
        {
            int k = i;
            // The codec zeroes the slots past ngroups; the host writes them as given so decode output round-trips.
            l.Add($"grouplist[{k}]", Gateway.Protocol.Messages.CredInfo.OffGrouplist + (4 * k), WireKind.I32, c => c.Grouplist[k], (c, v) => c.Grouplist[k] = (int)v, FieldRole.HostWritten);
        }

        return l;
    }

    /// <summary>The 40-byte <c>_io_connect</c> header.</summary>
    public static readonly StructLayout<IoConnect> IoConnect = new StructLayout<IoConnect>()
        .Add("type", Codec.OffType, WireKind.U16, c => c.Type, (c, v) => c.Type = (ushort)v, expect: IoMessageType.Connect, expectName: "_IO_CONNECT")
        .Add("subtype", Gateway.Protocol.Messages.IoConnect.OffSubtype, WireKind.U16, c => c.Subtype, (c, v) => c.Subtype = (ushort)v)
        .Add("file_type", Gateway.Protocol.Messages.IoConnect.OffFileType, WireKind.U32, c => c.FileType, (c, v) => c.FileType = (uint)v)
        .Add("reply_max", Gateway.Protocol.Messages.IoConnect.OffReplyMax, WireKind.U16, c => c.ReplyMax, (c, v) => c.ReplyMax = (ushort)v)
        .Add("entry_max", Gateway.Protocol.Messages.IoConnect.OffEntryMax, WireKind.U16, c => c.EntryMax, (c, v) => c.EntryMax = (ushort)v)
        .Add("key", Gateway.Protocol.Messages.IoConnect.OffKey, WireKind.U32, c => c.Key, (c, v) => c.Key = (uint)v)
        .Add("handle", Gateway.Protocol.Messages.IoConnect.OffHandle, WireKind.U32, c => c.Handle, (c, v) => c.Handle = (uint)v)
        .Add("ioflag", Gateway.Protocol.Messages.IoConnect.OffIoflag, WireKind.U32, c => c.Ioflag, (c, v) => c.Ioflag = (uint)v)
        .Add("mode", Gateway.Protocol.Messages.IoConnect.OffMode, WireKind.U32, c => c.Mode, (c, v) => c.Mode = (uint)v, names: FlagNames.Mode)
        .Add("sflag", Gateway.Protocol.Messages.IoConnect.OffSflag, WireKind.U16, c => c.Sflag, (c, v) => c.Sflag = (ushort)v)
        .Add("access", Gateway.Protocol.Messages.IoConnect.OffAccess, WireKind.U16, c => c.Access, (c, v) => c.Access = (ushort)v)
        .Add("dirfd", Gateway.Protocol.Messages.IoConnect.OffDirfd, WireKind.I16, c => c.Dirfd, (c, v) => c.Dirfd = (short)v)
        .Add("path_len", Gateway.Protocol.Messages.IoConnect.OffPathLen, WireKind.U16, c => c.PathLen, (c, v) => c.PathLen = (ushort)v)
        .Add("eflag", Gateway.Protocol.Messages.IoConnect.OffEflag, WireKind.U8, c => c.Eflag, (c, v) => c.Eflag = (byte)v)
        .Add("extra_type", Gateway.Protocol.Messages.IoConnect.OffExtraType, WireKind.U8, c => c.ExtraType, (c, v) => c.ExtraType = (byte)v)
        .Add("extra_len", Gateway.Protocol.Messages.IoConnect.OffExtraLen, WireKind.U16, c => c.ExtraLen, (c, v) => c.ExtraLen = (ushort)v);

    /// <summary>The <c>_io_read</c>/<c>_io_write</c> header, with the <c>_xtype_offset</c> when <paramref name="withOffset"/>.</summary>
    public static StructLayout<T> ReadWrite<T>(ushort type, string typeName, bool withOffset)
        where T : IoReadWriteHeader
    {
        var l = new StructLayout<T>()
            .Add("type", Codec.OffType, WireKind.U16, m => m.Type, (m, v) => m.Type = (ushort)v, expect: type, expectName: typeName)
            .Add("combine_len", Codec.OffCombineLen, WireKind.U16, m => m.CombineLen, (m, v) => m.CombineLen = (ushort)v)
            .Add("nbytes", IoReadWriteHeader.OffNbytes, WireKind.U32, m => m.Nbytes, (m, v) => m.Nbytes = (uint)v)
            .Add("xtype", IoReadWriteHeader.OffXtype, WireKind.U32, m => m.Xtype, (m, v) => m.Xtype = (uint)v)
            .Reserved("zero", IoReadWriteHeader.OffZero, WireKind.U32, m => m.Zero, (m, v) => m.Zero = (uint)v);
        if (withOffset)
        {
            l.Add("xtype_offset.offset", IoReadWriteHeader.OffXOffset, WireKind.I64, m => m.XOffset, (m, v) => m.XOffset = (long)v);
        }

        return l;
    }

    public static readonly StructLayout<IoLseek> IoLseek = new StructLayout<IoLseek>()
        .Add("type", Codec.OffType, WireKind.U16, m => m.Type, (m, v) => m.Type = (ushort)v, expect: IoMessageType.Lseek, expectName: "_IO_LSEEK")
        .Add("combine_len", Codec.OffCombineLen, WireKind.U16, m => m.CombineLen, (m, v) => m.CombineLen = (ushort)v)
        .Add("whence", Gateway.Protocol.Messages.IoLseek.OffWhence, WireKind.I16, m => m.Whence, (m, v) => m.Whence = (short)v)
        .Reserved("zero", Gateway.Protocol.Messages.IoLseek.OffZero, WireKind.U16, m => m.Zero, (m, v) => m.Zero = (ushort)v)
        // qnx-wire.md §8: u64 (QNX code reads it as off64_t; the codec exposes it as long — same bytes).
        .Add("offset", Gateway.Protocol.Messages.IoLseek.OffOffset, WireKind.U64, m => (ulong)m.Offset, (m, v) => m.Offset = unchecked((long)(ulong)v));

    public static readonly StructLayout<IoStatRequest> IoStat = new StructLayout<IoStatRequest>()
        .Add("type", Codec.OffType, WireKind.U16, m => m.Type, (m, v) => m.Type = (ushort)v, expect: IoMessageType.Stat, expectName: "_IO_STAT")
        .Add("combine_len", Codec.OffCombineLen, WireKind.U16, m => m.CombineLen, (m, v) => m.CombineLen = (ushort)v)
        .Add("format", IoStatRequest.OffFormat, WireKind.U32, m => m.Format, (m, v) => m.Format = (uint)v);

    public static readonly StructLayout<IoSync> IoSync = new StructLayout<IoSync>()
        .Add("type", Codec.OffType, WireKind.U16, m => m.Type, (m, v) => m.Type = (ushort)v, expect: IoMessageType.Sync, expectName: "_IO_SYNC")
        .Add("combine_len", Codec.OffCombineLen, WireKind.U16, m => m.CombineLen, (m, v) => m.CombineLen = (ushort)v)
        .Add("flag", Gateway.Protocol.Messages.IoSync.OffFlag, WireKind.U32, m => m.Flag, (m, v) => m.Flag = (uint)v);

    public static readonly StructLayout<IoClose> IoClose = new StructLayout<IoClose>()
        .Add("type", Codec.OffType, WireKind.U16, m => m.Type, (m, v) => m.Type = (ushort)v, expect: IoMessageType.Close, expectName: "_IO_CLOSE")
        .Add("combine_len", Codec.OffCombineLen, WireKind.U16, m => m.CombineLen, (m, v) => m.CombineLen = (ushort)v);

    public static readonly StructLayout<IoDevctl> IoDevctl = new StructLayout<IoDevctl>()
        .Add("type", Codec.OffType, WireKind.U16, m => m.Type, (m, v) => m.Type = (ushort)v, expect: IoMessageType.Devctl, expectName: "_IO_DEVCTL")
        .Add("combine_len", Codec.OffCombineLen, WireKind.U16, m => m.CombineLen, (m, v) => m.CombineLen = (ushort)v)
        .Add("dcmd", Gateway.Protocol.Messages.IoDevctl.OffDcmd, WireKind.I32, m => m.Dcmd, (m, v) => m.Dcmd = (int)v)
        .Add("nbytes", Gateway.Protocol.Messages.IoDevctl.OffNbytes, WireKind.U32, m => m.Nbytes, (m, v) => m.Nbytes = (uint)v)
        .Reserved("zero", Gateway.Protocol.Messages.IoDevctl.OffZero, WireKind.U32, m => m.Zero, (m, v) => m.Zero = (uint)v);

    public static readonly StructLayout<IoDevctlReply> IoDevctlReply = new StructLayout<IoDevctlReply>()
        .Reserved("zero", Gateway.Protocol.Messages.IoDevctl.ReplyOffZero, WireKind.U32, m => m.Zero, (m, v) => m.Zero = (uint)v)
        .Add("ret_val", Gateway.Protocol.Messages.IoDevctl.ReplyOffRetVal, WireKind.I32, m => m.RetVal, (m, v) => m.RetVal = (int)v)
        .Add("nbytes", Gateway.Protocol.Messages.IoDevctl.ReplyOffNbytes, WireKind.U32, m => m.Nbytes, (m, v) => m.Nbytes = (uint)v)
        .Reserved("zero2", Gateway.Protocol.Messages.IoDevctl.ReplyOffZero2, WireKind.U32, m => m.Zero2, (m, v) => m.Zero2 = (uint)v);

    public static readonly StructLayout<ClientInfo> ClientInfo = new StructLayout<ClientInfo>()
        .Add("nd", Gateway.Protocol.Messages.ClientInfo.OffNd, WireKind.U32, c => c.Nd, (c, v) => c.Nd = (uint)v)
        .Add("pid", Gateway.Protocol.Messages.ClientInfo.OffPid, WireKind.I32, c => c.Pid, (c, v) => c.Pid = (int)v)
        .Add("sid", Gateway.Protocol.Messages.ClientInfo.OffSid, WireKind.I32, c => c.Sid, (c, v) => c.Sid = (int)v)
        .Add("flags", Gateway.Protocol.Messages.ClientInfo.OffFlags, WireKind.U32, c => c.Flags, (c, v) => c.Flags = (uint)v)
        .Include(CredInfo, "cred.", Gateway.Protocol.Messages.ClientInfo.OffCred, c => c.Cred);
}
