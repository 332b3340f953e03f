using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;

namespace Gateway.Protocol.Tests.Qnx;

/// <summary>The QNX constants against qnx-messages.md (QNX 7.1 values; several differ from Linux).</summary>
public sealed class ConstantsTests
{
    [Fact]
    public void IoMessageType_Values_MatchSysIomsg()
    {
        Assert.Equal(0x100, IoMessageType.Base);
        Assert.Equal(0x100, IoMessageType.Connect);
        Assert.Equal(0x101, IoMessageType.Read);
        Assert.Equal(0x102, IoMessageType.Write);
        Assert.Equal(0x104, IoMessageType.Stat);
        Assert.Equal(0x105, IoMessageType.Notify);
        Assert.Equal(0x106, IoMessageType.Devctl);
        Assert.Equal(0x108, IoMessageType.Pathconf);
        Assert.Equal(0x109, IoMessageType.Lseek);
        Assert.Equal(0x10A, IoMessageType.Chmod);
        Assert.Equal(0x10B, IoMessageType.Chown);
        Assert.Equal(0x10C, IoMessageType.Utime);
        Assert.Equal(0x112, IoMessageType.Mmap);
        Assert.Equal(0x113, IoMessageType.Msg);
        Assert.Equal(0x115, IoMessageType.Dup);
        Assert.Equal(0x116, IoMessageType.Close);
        Assert.Equal(0x119, IoMessageType.Sync);
        Assert.Equal(0x8000, IoMessageType.CombineFlag);
    }

    [Theory]
    [InlineData(0x112, "_IO_MMAP")]
    [InlineData(0x100, "_IO_CONNECT")]
    [InlineData(0x119, "_IO_SYNC")]
    [InlineData(0x107, null)]
    public void IoMessageType_Name_IsTheCName(int type, string? name)
    {
        Assert.Equal(name, IoMessageType.Name(type));
    }

    [Fact]
    public void ConnectSubtype_Values_MatchIoConnect()
    {
        Assert.Equal(0, ConnectSubtype.Combine);
        Assert.Equal(1, ConnectSubtype.CombineClose);
        Assert.Equal(2, ConnectSubtype.Open);
        Assert.Equal(3, ConnectSubtype.Unlink);
        Assert.Equal(4, ConnectSubtype.Rename);
        Assert.Equal(5, ConnectSubtype.Mknod);
        Assert.Equal(6, ConnectSubtype.Readlink);
        Assert.Equal(7, ConnectSubtype.Link);
        Assert.Equal(9, ConnectSubtype.Mount);
    }

    [Fact]
    public void XTypeWhenceAndMsgInfoFlags_Values_MatchHeaders()
    {
        Assert.Equal(0u, XType.None);
        Assert.Equal(1u, XType.ReadCond);
        Assert.Equal(2u, XType.MQueue);
        Assert.Equal(3u, XType.TcpIp);
        Assert.Equal(4u, XType.TcpIpMsg);
        Assert.Equal(5u, XType.Offset);
        Assert.Equal(0xFFu, XType.Mask);
        Assert.Equal(0, Whence.Set);
        Assert.Equal(1, Whence.Current);
        Assert.Equal(2, Whence.End);
        Assert.Equal(0x1, MsgInfoFlags.EndianBig);
        Assert.Equal(0x2, MsgInfoFlags.EndianDiff);
        Assert.Equal(0x100, MsgInfoFlags.UnblockReq);
        Assert.Equal(0x1000, MsgInfoFlags.Bits64);
        Assert.Equal(0x2000, MsgInfoFlags.BitsDiff);
    }

    [Fact]
    public void Prot_Values_AreQnxNotLinux()
    {
        Assert.Equal(0u, Prot.None);
        Assert.Equal(0x100u, Prot.Read);
        Assert.Equal(0x200u, Prot.Write);
        Assert.Equal(0x400u, Prot.Exec);
        Assert.Equal(0x800u, Prot.NoCache);
        Assert.Equal(0xF00u, Prot.Mask);
    }

    [Fact]
    public void MapFlags_Values_AreQnx71()
    {
        Assert.Equal(0x1u, MapFlags.Shared);
        Assert.Equal(0x2u, MapFlags.Private);
        Assert.Equal(0x3u, MapFlags.Type);
        Assert.Equal(0x10u, MapFlags.Fixed);
        Assert.Equal(0x20u, MapFlags.Elf);
        Assert.Equal(0x40u, MapFlags.NoSyncFile);
        Assert.Equal(0x80u, MapFlags.Lazy);
        Assert.Equal(0x1000u, MapFlags.Stack);
        Assert.Equal(0x2000u, MapFlags.Below);
        Assert.Equal(0x4000u, MapFlags.NoInit);
        Assert.Equal(0x10000u, MapFlags.Phys);
        Assert.Equal(0x20000u, MapFlags.NoInherit);
        Assert.Equal(0x40000u, MapFlags.Handle);
        Assert.Equal(0x80000u, MapFlags.Anon);
        Assert.Equal(0x1000000u, MapFlags.SysRam);
        Assert.Equal(0xFFF00000u, MapFlags.ReservMask);
        Assert.Equal(0x800Cu, MapFlags.ReservedLow);
        Assert.Equal(1u, MapFlags.MsAsync);
        Assert.Equal(2u, MapFlags.MsSync);
        Assert.Equal(4u, MapFlags.MsInvalidate);
        Assert.Equal(-1, MapFlags.NoFd);
    }

    [Fact]
    public void OpenFlags_Values_MatchFcntl()
    {
        Assert.Equal(0u, OpenFlags.ReadOnly);
        Assert.Equal(1u, OpenFlags.WriteOnly);
        Assert.Equal(2u, OpenFlags.ReadWrite);
        Assert.Equal(3u, OpenFlags.Exec);
        Assert.Equal(7u, OpenFlags.AccMode);
        Assert.Equal(8u, OpenFlags.Append);    // 010
        Assert.Equal(256u, OpenFlags.Creat);   // 0400
        Assert.Equal(512u, OpenFlags.Trunc);   // 01000
        Assert.Equal(1024u, OpenFlags.Excl);   // 02000
        Assert.Equal(1u, OpenFlags.IoFlagRead);
        Assert.Equal(2u, OpenFlags.IoFlagWrite);
        Assert.Equal(4u, OpenFlags.IoFlagExec);
        Assert.Equal(7u, OpenFlags.IoFlagMask);
        Assert.Equal(0, OpenFlags.ShCompat);
        Assert.Equal(0x10, OpenFlags.ShDenyRw);
        Assert.Equal(0x20, OpenFlags.ShDenyWr);
        Assert.Equal(0x30, OpenFlags.ShDenyRd);
        Assert.Equal(0x40, OpenFlags.ShDenyNo);
    }

    [Theory]
    [InlineData(0u, 1u)]              // O_RDONLY → _IO_FLAG_RD
    [InlineData(1u, 2u)]              // O_WRONLY → _IO_FLAG_WR
    [InlineData(2u, 3u)]              // O_RDWR   → RD|WR
    [InlineData(3u, 4u)]              // O_EXEC   → _IO_FLAG_EX
    [InlineData(2u | 0x100u | 0x200u, 3u | 0x100u | 0x200u)] // O_RDWR|O_CREAT|O_TRUNC keeps the other bits
    [InlineData(1u | 0x8u, 2u | 0x8u)] // O_WRONLY|O_APPEND
    public void OpenFlags_ToIoFlag_IsAccessModePlusOne(uint oflag, uint ioflag)
    {
        Assert.Equal(ioflag, OpenFlags.ToIoFlag(oflag));
    }

    [Fact]
    public void FileMode_TypesAndPermissionBits_MatchSysStat()
    {
        Assert.Equal(0xF000u, FileMode.TypeMask);
        Assert.Equal(0x1000u, FileMode.Fifo);
        Assert.Equal(0x2000u, FileMode.Chr);
        Assert.Equal(0x4000u, FileMode.Dir);
        Assert.Equal(0x5000u, FileMode.Nam);
        Assert.Equal(0x6000u, FileMode.Blk);
        Assert.Equal(0x8000u, FileMode.Reg);
        Assert.Equal(0xA000u, FileMode.Lnk);
        Assert.Equal(0xC000u, FileMode.Sock);
        Assert.Equal(2048u, FileMode.SetUid);  // 04000
        Assert.Equal(1024u, FileMode.SetGid);  // 02000
        Assert.Equal(512u, FileMode.Sticky);   // 01000
        Assert.Equal(256u, FileMode.UserRead); // 0400
        Assert.Equal(1u, FileMode.OtherExec);  // 01
        Assert.Equal(1u, FileMode.SubtypeSem);
        Assert.Equal(2u, FileMode.SubtypeShm);
        Assert.Equal(3u, FileMode.SubtypeMq);
        Assert.Equal(4u, FileMode.SubtypeTmo);
        Assert.True(FileMode.IsNam(0x5000 | 0x1B6));
        Assert.True(FileMode.IsReg(0x81A4));
        Assert.False(FileMode.IsDir(0x81A4));
    }

    [Fact]
    public void MountFlags_Values_MatchIofunc()
    {
        Assert.Equal(0x01u, MountFlags.ReadOnly);
        Assert.Equal(0x02u, MountFlags.NoExec);
        Assert.Equal(0x04u, MountFlags.NoSuid);
    }

    [Theory]
    [InlineData(Errno.EOK, 0)]
    [InlineData(Errno.EPERM, 1)]
    [InlineData(Errno.ENOENT, 2)]
    [InlineData(Errno.EIO, 5)]
    [InlineData(Errno.ENXIO, 6)]
    [InlineData(Errno.EBADF, 9)]
    [InlineData(Errno.EAGAIN, 11)]
    [InlineData(Errno.ENOMEM, 12)]
    [InlineData(Errno.EACCES, 13)]
    [InlineData(Errno.EFAULT, 14)]
    [InlineData(Errno.EBUSY, 16)]
    [InlineData(Errno.EEXIST, 17)]
    [InlineData(Errno.ENODEV, 19)]
    [InlineData(Errno.ENOTDIR, 20)]
    [InlineData(Errno.EISDIR, 21)]
    [InlineData(Errno.EINVAL, 22)]
    [InlineData(Errno.ENFILE, 23)]
    [InlineData(Errno.EMFILE, 24)]
    [InlineData(Errno.ENOTTY, 25)]
    [InlineData(Errno.ETXTBSY, 26)]
    [InlineData(Errno.ENOSPC, 28)]
    [InlineData(Errno.EROFS, 30)]
    [InlineData(Errno.ENOTSUP, 48)]
    [InlineData(Errno.EDQUOT, 49)]
    [InlineData(Errno.EBADMSG, 77)]
    [InlineData(Errno.ENAMETOOLONG, 78)]
    [InlineData(Errno.EOVERFLOW, 79)]
    [InlineData(Errno.ENOSYS, 89)]
    [InlineData(Errno.EOPNOTSUPP, 103)]
    public void Errno_Value_IsTheQnxNumber(int constant, int qnx)
    {
        Assert.Equal(qnx, constant);
    }

    [Theory]
    [InlineData(48, "ENOTSUP")]
    [InlineData(77, "EBADMSG")]
    [InlineData(79, "EOVERFLOW")]
    [InlineData(89, "ENOSYS")]
    [InlineData(103, "EOPNOTSUPP")]
    public void Errno_NameAndFromName_AreInverse(int errno, string name)
    {
        Assert.Equal(name, Errno.Name(errno));
        Assert.Equal(errno, Errno.FromName(name));
    }

    [Fact]
    public void MmapReplyFlags_Values_MatchIomsg()
    {
        Assert.Equal(0x01u, MmapReplyFlags.UseExtended);
        Assert.Equal(0x00u, MmapReplyFlags.CacheDefault);
        Assert.Equal(0x02u, MmapReplyFlags.CacheForceInvalidate);
        Assert.Equal(0x04u, MmapReplyFlags.CacheReadFromCache);
        Assert.Equal(0x06u, MmapReplyFlags.CacheDeferToMemmgr);
        Assert.Equal(0x06u, MmapReplyFlags.CacheMask);
        Assert.Equal(0x18u, MmapReplyFlags.StatFormMask);
        Assert.Equal(0x20u, MmapReplyFlags.BypassFstatvfs);
        Assert.Equal(0x40u, MmapReplyFlags.Removable);
        Assert.Equal(0x80u, MmapReplyFlags.ServerShmemObject);
    }

    [Theory]
    [InlineData(StatForm.Unset, 0x00u)]
    [InlineData(StatForm.T32_2001, 0x08u)]
    [InlineData(StatForm.T32_2008, 0x10u)]
    [InlineData(StatForm.T64_2008, 0x18u)]
    [InlineData(4, 0x00u)]  // (4 << 3) & 0x18 = 0: the macro masks
    [InlineData(7, 0x18u)]
    public void MmapReplyFlags_StatFormToFlags_IsShiftedAndMasked(int form, uint flags)
    {
        Assert.Equal(flags, MmapReplyFlags.StatFormToFlags(form));
    }

    [Theory]
    [InlineData(0x19u, StatForm.T64_2008)]
    [InlineData(0x09u, StatForm.T32_2001)]
    [InlineData(0xF7u, StatForm.T32_2008)]
    [InlineData(0xE7u, StatForm.Unset)]
    public void MmapReplyFlags_StatForm_ReadsBitsThreeAndFour(uint flags, int form)
    {
        Assert.Equal(form, MmapReplyFlags.StatForm(flags));
    }

    [Fact]
    public void MmapReplyFlags_PreferredFormOf64BitServer_Is0x19()
    {
        uint flags = MmapReplyFlags.UseExtended | MmapReplyFlags.StatFormToFlags(StatForm.Preferred(true));
        Assert.Equal(0x19u, flags);
        Assert.Equal(0x09u, MmapReplyFlags.UseExtended | MmapReplyFlags.StatFormToFlags(StatForm.Preferred(false)));
    }

    [Fact]
    public void MmapReplyFlags_Helpers_ReadTheirBits()
    {
        const uint flags = 0xFF;
        Assert.True(MmapReplyFlags.IsExtended(flags));
        Assert.Equal(MmapReplyFlags.CacheDeferToMemmgr, MmapReplyFlags.CacheMode(flags));
        Assert.True(MmapReplyFlags.BypassesFstatvfs(flags));
        Assert.True(MmapReplyFlags.IsRemovable(flags));
        Assert.True(MmapReplyFlags.IsSharedObject(flags));
        Assert.False(MmapReplyFlags.IsExtended(0x18));
        Assert.Equal("USE_EXTENDED|CACHE_FORCE_INVALIDATE|STAT_FORM(3)|BYPASS_FSTATVFS", MmapReplyFlags.Describe(0x3B));
    }

    [Fact]
    public void StatForm_ValuesAndSizes_MatchSysStat()
    {
        Assert.Equal(0, StatForm.Unset);
        Assert.Equal(1, StatForm.T32_2001);
        Assert.Equal(2, StatForm.T32_2008);
        Assert.Equal(3, StatForm.T64_2008);
        Assert.Equal(72, StatForm.SizeOf(StatForm.T32_2001));
        Assert.Equal(96, StatForm.SizeOf(StatForm.T32_2008));
        Assert.Equal(120, StatForm.SizeOf(StatForm.T64_2008));
        Assert.Equal(0, StatForm.SizeOf(StatForm.Unset));
        Assert.Equal(StatForm.T32_2008, StatForm.FromSize(96));
        Assert.Equal(StatForm.Unset, StatForm.FromSize(100));
        Assert.Equal(StatForm.T64_2008, StatForm.Preferred(true));
        Assert.Equal(StatForm.T32_2001, StatForm.Preferred(false));
    }

    [Fact]
    public void StructSizes_MatchQnxWire()
    {
        Assert.Equal(48, MsgInfo32.Size);
        Assert.Equal(88, IoMmapRequest.Size);
        Assert.Equal(24, IoMmapReply.Size);
        Assert.Equal(184, IoMmapReplyExt.Size);
        Assert.Equal(40, IoConnect.HeaderSize);
        Assert.Equal(16, IoReadWriteHeader.Size);
        Assert.Equal(24, IoReadWriteHeader.SizeWithOffset);
        Assert.Equal(16, IoLseek.Size);
        Assert.Equal(8, IoLseek.ReplySize);
        Assert.Equal(8, IoStatRequest.Size);
        Assert.Equal(16, IoDevctl.Size);
        Assert.Equal(16, IoDevctl.ReplySize);
        Assert.Equal(8, IoSync.Size);
        Assert.Equal(4, IoClose.Size);
        Assert.Equal(60, CredInfo.Size);
        Assert.Equal(76, ClientInfo.Size);
    }

    [Fact]
    public void Resmgr_ReturnConventions_MatchResmgrH()
    {
        Assert.Equal(int.MinValue, Resmgr.NoReply);
        Assert.Equal(int.MinValue + 1, Resmgr.Default);
        Assert.Equal(-3, Resmgr.NParts(3));
    }
}
