using System;
using System.Linq;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;
using Gateway.InProcess;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.ResourceManager.Tests;

/// <summary>RM-16 (both reply forms, the stat in each form byte by byte), RM-17 (shared objects), RM-18 (flags).</summary>
public sealed class MmapReplyTests
{
    private static RmResult MapAsRoot(RmHarness h, string path, uint oflag, uint prot, uint required, ulong offset = 0, ulong len = 4096)
    {
        Assert.False(h.Open(5, 3, path, oflag).IsError);
        return h.MapFor(5, 3, prot, required, offset, len);
    }

    private static RmHarness Board(bool is64 = true)
    {
        var h = new RmHarness(new RmConfig { Is64Bit = is64 });
        Assert.Equal(0, h.Declare(0, 1, Cred(0, 0)));
        Assert.Equal(0, h.Declare(0, 5, Cred(0, 0)));
        return h;
    }

    [Fact]
    public void PlainReply_Is24BytesWithZeroOffsetAndFd()
    {
        var h = Board();
        var r = MapAsRoot(h, "data/notes.txt", OpenFlags.ReadWrite, Prot.Read | Prot.Write, Prot.Read);
        Assert.False(r.IsError);
        Assert.Equal(0, r.Value);
        // {zero 0, allowed_prot R|W, offset 0, coid 0x40000000, fd 0}
        byte[] expected =
        {
            0x00, 0x00, 0x00, 0x00,                         // zero
            0x00, 0x03, 0x00, 0x00,                         // allowed_prot 0x300
            0, 0, 0, 0, 0, 0, 0, 0,                         // offset
            0x00, 0x00, 0x00, 0x40,                         // coid
            0x00, 0x00, 0x00, 0x00,                         // fd
        };
        Assert.Equal(expected, r.Body);
    }

    [Fact]
    public void ExtReply_64BitBoard_T64_2008_ByteByByte()
    {
        var h = Board();
        var a = h.Attr("/dev/gpio/bank0");
        var r = MapAsRoot(h, "dev/gpio/bank0", OpenFlags.ReadWrite, Prot.Read | Prot.Write, Prot.Read | Prot.Write);
        Assert.Equal(IoMmapReplyExt.Size, r.Body.Length);
        var b = r.Body;
        Assert.Equal(0u, LittleEndian.ReadU32(b, 0));
        Assert.Equal(0x300u, LittleEndian.ReadU32(b, 4));
        Assert.Equal(0ul, LittleEndian.ReadU64(b, 8));
        Assert.Equal(0x40000000, LittleEndian.ReadI32(b, 16));
        Assert.Equal(0, LittleEndian.ReadI32(b, 20));
        // flags: USE_EXTENDED | STAT_FORM(3) | FORCE_INVALIDATE | BYPASS_FSTATVFS = 0x19 | 0x02 | 0x20
        Assert.Equal(0x3Bu, LittleEndian.ReadU32(b, 24));
        Assert.True(LittleEndian.IsZero(b, 28, 36)); // zero32, zero64[4]
        int s = 64;
        Assert.Equal(a.Ino, LittleEndian.ReadU64(b, s + 0));
        Assert.Equal(4096L, LittleEndian.ReadI64(b, s + 8));
        Assert.Equal(h.Rm.Config.DeviceNumber, LittleEndian.ReadU32(b, s + 16));
        Assert.Equal(a.Rdev, LittleEndian.ReadU32(b, s + 20));
        Assert.Equal(0, LittleEndian.ReadI32(b, s + 24));
        Assert.Equal(20, LittleEndian.ReadI32(b, s + 28));
        Assert.Equal((uint)a.MtimeSec, LittleEndian.ReadU32(b, s + 32));
        Assert.Equal((uint)a.AtimeSec, LittleEndian.ReadU32(b, s + 36));
        Assert.Equal((uint)a.CtimeSec, LittleEndian.ReadU32(b, s + 40));
        Assert.Equal(FileMode.Chr | 0x1B0, LittleEndian.ReadU32(b, s + 44));
        Assert.Equal(1u, LittleEndian.ReadU32(b, s + 48));
        Assert.Equal(512u, LittleEndian.ReadU32(b, s + 52));
        Assert.Equal(8, LittleEndian.ReadI32(b, s + 56));
        Assert.Equal(4096u, LittleEndian.ReadU32(b, s + 60));
        Assert.Equal(8ul, LittleEndian.ReadU64(b, s + 64));
        Assert.Equal(a.MtimeSec, LittleEndian.ReadI64(b, s + 72));
        Assert.Equal(a.MtimeNsec, LittleEndian.ReadI64(b, s + 80));
        Assert.Equal(a.AtimeSec, LittleEndian.ReadI64(b, s + 88));
        Assert.Equal(a.AtimeNsec, LittleEndian.ReadI64(b, s + 96));
        Assert.Equal(a.CtimeSec, LittleEndian.ReadI64(b, s + 104));
        Assert.Equal(a.CtimeNsec, LittleEndian.ReadI64(b, s + 112));
    }

    [Fact]
    public void ExtReply_32BitBoard_T32_2001_UnionTailZero()
    {
        var h = Board(is64: false);
        var r = MapAsRoot(h, "dev/gpio/bank0", OpenFlags.ReadWrite, Prot.Read | Prot.Write, Prot.Read | Prot.Write);
        var b = r.Body;
        Assert.Equal(0x2Bu, LittleEndian.ReadU32(b, 24)); // 0x01 | 1<<3 | 0x02 | 0x20
        Assert.True(LittleEndian.IsZero(b, 64 + 72, 48));
        Assert.Equal(8ul, LittleEndian.ReadU64(b, 64 + 64));
    }

    [Fact]
    public void ExtReply_FixedFormT32_2008_EvenOnA64BitBoard()
    {
        var h = Board();
        var a = h.Attr("/data/form32");
        var r = MapAsRoot(h, "data/form32", OpenFlags.ReadOnly, Prot.Read, Prot.Read);
        var b = r.Body;
        Assert.Equal(MmapReplyFlags.UseExtended | (2u << 3), LittleEndian.ReadU32(b, 24));
        Assert.Equal((uint)a.MtimeSec, LittleEndian.ReadU32(b, 64 + 72));
        Assert.Equal(a.MtimeNsec, LittleEndian.ReadI32(b, 64 + 76));
        Assert.Equal((uint)a.CtimeSec, LittleEndian.ReadU32(b, 64 + 88));
        Assert.True(LittleEndian.IsZero(b, 64 + 96, 24));
    }

    [Theory]
    [InlineData("dev/gpio/bank0", 0x3Bu)]                        // FORCE_INVALIDATE | BYPASS_FSTATVFS
    [InlineData("dev/shmem/scratch", 0x19u | 0x20u | 0x80u)]     // DEFAULT | BYPASS_FSTATVFS | SERVER_SHMEM_OBJECT
    [InlineData("fw/info", 0x19u | 0x04u)]                        // READ_FROM_CACHE
    [InlineData("fw/bin/blink", 0x19u | 0x04u)]
    [InlineData("data/app", 0x19u)]                               // DEFAULT
    [InlineData("noexec/tool", 0x19u)]
    public void ExtReply_FlagsPerResource(string path, uint flags)
    {
        var h = Board();
        var r = MapAsRoot(h, path, OpenFlags.ReadOnly, Prot.Read, Prot.Read, 0, 64);
        Assert.False(r.IsError, r.ToString());
        Assert.Equal(flags, LittleEndian.ReadU32(r.Body, 24));
    }

    [Fact]
    public void SharedObject_FdIsObjectId_OffsetIsWhereTheMappingStarts_SameForEveryMapping()
    {
        var h = Board();
        Assert.False(h.Open(5, 3, "dev/shmem/scratch", OpenFlags.ReadWrite).IsError);
        var r1 = new IoMmapReplyExt();
        r1.Decode(h.MapFor(5, 3, Prot.Read | Prot.Write, Prot.Read | Prot.Write, 8192, 4096).Body, 0, 184);
        var r2 = new IoMmapReplyExt();
        r2.Decode(h.MapFor(5, 3, Prot.Read, Prot.Read, 0, 65536).Body, 0, 184);
        Assert.Equal(1, r1.Base.Fd);
        Assert.Equal(8192ul, r1.Base.Offset);
        Assert.Equal(1, r2.Base.Fd);
        Assert.Equal(0ul, r2.Base.Offset);
        Assert.Equal(r1.Base.Coid, r2.Base.Coid);
        Assert.True(MmapReplyFlags.IsSharedObject(r1.Flags));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData(2u)]
    [InlineData(3u)]
    public void ExtReplyStat_AgreesWithSeparateStat(uint format)
    {
        var h = Board();
        var r = MapAsRoot(h, "data/app", OpenFlags.ReadOnly, Prot.Read, Prot.Read);
        var x = new IoMmapReplyExt();
        Assert.Equal(DecodeError.None, x.Decode(r.Body, 0, r.Body.Length));
        int form = format == 0 ? x.Form : (int)format;
        var body = h.Send(0, 5, 3, StatRequest(format)).Body;
        Assert.Equal(StatForm.SizeOf(form), body.Length);
        var st = new Stat();
        st.Decode(body, 0, body.Length, form);
        Assert.Equal(x.Stat.Ino, st.Ino);
        Assert.Equal(x.Stat.Size, st.Size);
        Assert.Equal(x.Stat.Mode, st.Mode);
        Assert.Equal(x.Stat.Uid, st.Uid);
        Assert.Equal(x.Stat.Dev, st.Dev);
        Assert.Equal(x.Stat.Blocks, st.Blocks);
        Assert.True(st.Mtime >= x.Stat.Mtime);
    }

    [Fact]
    public void Mmap_ChangesNoTime()
    {
        var h = Board();
        var a = h.Attr("/data/app");
        Assert.False(h.Open(5, 3, "data/app", OpenFlags.ReadOnly).IsError);
        long at = a.AtimeSec, mt = a.MtimeSec;
        h.Clock.Advance(100);
        Assert.False(h.MapFor(5, 3, Prot.Read, Prot.Read).IsError);
        Assert.Equal((at, mt), (a.AtimeSec, a.MtimeSec));
    }

    [Fact]
    public void Inode_IsDerivedFromThePath_StableAcrossBoards()
    {
        var a = Board().Attr("/dev/gpio/bank0");
        var b = Board().Attr("/dev/gpio/bank0");
        Assert.Equal(a.Ino, b.Ino);
        Assert.NotEqual(a.Ino, Board().Attr("/dev/shmem/scratch").Ino);
        var all = Enumerable.Range(0, Board().Rm.Namespace.Count).Select(i => Board().Rm.Namespace[i].Ino).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
    }
}
