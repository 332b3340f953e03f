using System;
using System.Text;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;
using Gateway.InProcess;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.ResourceManager.Tests;

/// <summary>RM-2 (read, write, lseek, sync, devctl, close), RM-2b (readdir), RM-3 (stat forms).</summary>
public sealed class IoTests
{
    private readonly RmHarness h = new RmHarness().WithProcesses(clientPid: 2, uid: 100, gid: 100);

    [Fact]
    public void Read_WithoutRd_IsEbadf_WriteWithoutWr_IsEbadf()
    {
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.WriteOnly).IsError);
        Assert.False(h.Open(2, 4, "data/app", OpenFlags.ReadOnly).IsError);
        h.AssertRefusedWithoutEffect(Errno.EBADF, () => h.Send(0, 2, 3, Read(4)));
        h.AssertRefusedWithoutEffect(Errno.EBADF, () => h.Send(0, 2, 4, Write(new byte[] { 9 })));
    }

    [Theory]
    [InlineData(0, 100, 100)]
    [InlineData(8000, 500, 192)]
    [InlineData(8192, 16, 0)]
    [InlineData(9000, 16, 0)]
    public void Read_ReturnsMinOfNbytesAndSizeMinusOffset(long offset, uint nbytes, int expected)
    {
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        var r = h.Send(0, 2, 3, Read(nbytes, offset));
        Assert.False(r.IsError);
        Assert.Equal(expected, r.Value);
        Assert.Equal(expected, r.Body.Length);
        Assert.Equal(h.Attr("/data/app").Data.AsSpan((int)Math.Min(offset, 8192), expected).ToArray(), r.Body);
    }

    [Fact]
    public void Read_LargerThanOneReply_IsShort()
    {
        var small = new RmHarness(replyCapacity: 4096).WithProcesses();
        Assert.False(small.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        var r = small.Send(0, 2, 3, Read(8192));
        Assert.Equal(4096, r.Value);
    }

    [Fact]
    public void Read_PlainAdvancesOcbOffset_XtypeOffsetLeavesItAlone()
    {
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        var ocb = h.Rm.Ocbs.Find(0, 2, 3);
        h.Send(0, 2, 3, Read(10));
        Assert.Equal(10, ocb.Offset);
        var r = h.Send(0, 2, 3, Read(10, offset: 500));
        Assert.Equal(h.Attr("/data/app").Data[500..510], r.Body);
        Assert.Equal(10, ocb.Offset);
        h.Send(0, 2, 3, Read(10));
        Assert.Equal(20, ocb.Offset);
    }

    [Fact]
    public void Read_NegativeXtypeOffset_IsEinval()
    {
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        h.AssertRefusedWithoutEffect(Errno.EINVAL, () => h.Send(0, 2, 3, Read(10, offset: -1)));
    }

    [Fact]
    public void Read_SetsAtime_WriteSetsMtimeAndCtime()
    {
        var a = h.Attr("/data/app");
        long t0 = a.AtimeSec;
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadWrite).IsError);
        h.Clock.Advance(10);
        h.Send(0, 2, 3, Read(1));
        Assert.Equal(t0 + 10, a.AtimeSec);
        Assert.Equal(t0, a.MtimeSec);
        h.Clock.Advance(5);
        h.Send(0, 2, 3, Write(new byte[] { 1 }));
        Assert.Equal(t0 + 15, a.MtimeSec);
        Assert.Equal(t0 + 15, a.CtimeSec);
        Assert.Equal(t0 + 10, a.AtimeSec);
    }

    [Fact]
    public void Write_StatusIsBytesWritten_AndDataLands()
    {
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadWrite).IsError);
        var data = Encoding.ASCII.GetBytes("hello");
        var r = h.Send(0, 2, 3, Write(data, offset: 100));
        Assert.Equal(5, r.Value);
        Assert.Equal(data, h.Attr("/data/app").Data[100..105]);
    }

    [Fact]
    public void Write_ZeroBytes_Succeeds()
    {
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadWrite).IsError);
        var r = h.Send(0, 2, 3, Write(Array.Empty<byte>()));
        Assert.False(r.IsError);
        Assert.Equal(0, r.Value);
    }

    [Fact]
    public void Write_FixedSizeRegion_ShortAtTheEnd_NeverGrows()
    {
        Assert.Equal(0, h.Declare(0, 5, Cred(0, 0)));
        Assert.False(h.Open(5, 3, "dev/shmem/scratch", OpenFlags.ReadWrite).IsError);
        var r = h.Send(0, 5, 3, Write(new byte[100], offset: 65536 - 10));
        Assert.Equal(10, r.Value);
        Assert.Equal(65536, h.Attr("/dev/shmem/scratch").Size);
        r = h.Send(0, 5, 3, Write(new byte[100], offset: 65536));
        Assert.False(r.IsError);
        Assert.Equal(0, r.Value);
    }

    [Fact]
    public void Write_PastEndOfRegularFile_GrowsAndHoleReadsZero()
    {
        Assert.False(h.Open(2, 3, "data/notes.txt", OpenFlags.ReadWrite).IsError);
        var r = h.Send(0, 2, 3, Write(new byte[] { 0xAA, 0xBB }, offset: 2000));
        Assert.Equal(2, r.Value);
        var a = h.Attr("/data/notes.txt");
        Assert.Equal(2002, a.Size);
        var hole = h.Send(0, 2, 3, Read(976, offset: 1024));
        Assert.All(hole.Body, b => Assert.Equal(0, b));
        Assert.Equal(new byte[] { 0xAA, 0xBB }, h.Send(0, 2, 3, Read(2, offset: 2000)).Body);
    }

    [Fact]
    public void Write_AfterTruncate_OldBytesDoNotReappear()
    {
        Assert.False(h.Open(2, 3, "data/notes.txt", OpenFlags.ReadWrite | OpenFlags.Trunc).IsError);
        h.Send(0, 2, 3, Write(new byte[] { 1 }, offset: 500));
        var r = h.Send(0, 2, 3, Read(500, offset: 0));
        Assert.All(r.Body, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Write_BeyondMountBudget_IsShortThenEnospc()
    {
        var g = new RmHarness().WithProcesses();
        Assert.False(g.Open(2, 3, "data/new", OpenFlags.ReadWrite | OpenFlags.Creat, mode: 0x1B6).IsError);
        var r = g.Send(0, 2, 3, Write(new byte[10000], offset: 64 * 1024 - 100));
        Assert.Equal(100, r.Value);
        g.AssertRefusedWithoutEffect(Errno.ENOSPC, () => g.Send(0, 2, 3, Write(new byte[10], offset: 64 * 1024)));
    }

    [Theory]
    [InlineData(100, Whence.Set, 0, 100)]
    [InlineData(-10, Whence.Current, 50, 40)]
    [InlineData(0, Whence.End, 0, 8192)]
    [InlineData(100, Whence.End, 0, 8292)]
    [InlineData(1 << 20, Whence.Set, 0, 1 << 20)]
    public void Lseek_Moves_PastEndAllowed(long offset, short whence, long start, long expected)
    {
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        h.Rm.Ocbs.Find(0, 2, 3).Offset = start;
        var r = h.Send(0, 2, 3, Lseek(offset, whence));
        Assert.False(r.IsError, r.ToString());
        Assert.Equal(8, r.Body.Length);
        Assert.Equal(expected, LittleEndian.ReadI64(r.Body, 0));
        Assert.Equal(expected, h.Rm.Ocbs.Find(0, 2, 3).Offset);
    }

    [Theory]
    [InlineData(-1, Whence.Set)]
    [InlineData(-8193, Whence.End)]
    [InlineData(0, (short)3)]
    public void Lseek_NegativeResultOrBadWhence_IsEinvalAndOffsetStays(long offset, short whence)
    {
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        h.Send(0, 2, 3, Lseek(7, Whence.Set));
        h.AssertRefusedWithoutEffect(Errno.EINVAL, () => h.Send(0, 2, 3, Lseek(offset, whence)));
        Assert.Equal(7, h.Rm.Ocbs.Find(0, 2, 3).Offset);
    }

    [Theory]
    [InlineData("data/app")]
    [InlineData("dev/shmem/scratch")]
    [InlineData("data")]
    public void Sync_AnswersStatusZeroOnEveryResource(string path)
    {
        Assert.False(h.Open(2, 3, path, OpenFlags.ReadOnly).IsError);
        var r = h.Send(0, 2, 3, Sync());
        Assert.False(r.IsError);
        Assert.Equal(0, r.Value);
    }

    [Fact]
    public void Devctl_UnknownDcmd_IsEnotty25()
    {
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        var r = h.Send(0, 2, 3, Devctl(0x12345));
        Assert.Equal(25, r.Errno);
    }

    [Fact]
    public void Close_UnbindsTheCoid()
    {
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        Assert.False(h.CloseFd(2, 3).IsError);
        Assert.Equal(Errno.EBADF, h.Send(0, 2, 3, Read(1)).Errno);
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
    }

    // ---- RM-2b: directories ---------------------------------------------------------------------------

    private static (string Name, ulong Ino, long Next)[] Records(byte[] body)
    {
        var list = new System.Collections.Generic.List<(string, ulong, long)>();
        var d = new Dirent();
        int o = 0;
        while (o < body.Length)
        {
            Assert.Equal(DecodeError.None, d.Decode(body, o, body.Length - o));
            Assert.Equal(0, d.Reclen % 8);
            list.Add((Encoding.ASCII.GetString(body, d.NameOffset, d.Namelen), d.Ino, d.Offset));
            o += d.Reclen;
        }

        return list.ToArray();
    }

    [Fact]
    public void ReadDir_ListsEntriesInTableOrderThenCreationOrder_NoDotEntries()
    {
        Assert.False(h.Open(2, 9, "data/zz", OpenFlags.ReadWrite | OpenFlags.Creat, mode: 0x1A4).IsError);
        Assert.False(h.Open(2, 3, "data", OpenFlags.ReadOnly).IsError);
        var r = h.Send(0, 2, 3, Read(4096));
        var recs = Records(r.Body);
        Assert.Equal(new[] { "app", "grpexec", "ownerexec", "notes.txt", "private", "sticky", "form32", "zz" }, Array.ConvertAll(recs, x => x.Name));
        for (int i = 0; i < recs.Length; i++)
        {
            Assert.Equal(i + 1, recs[i].Next);
            Assert.Equal(Namespace.InodeOf("/data/" + recs[i].Name), recs[i].Ino);
        }

        Assert.Equal(8, h.Rm.Ocbs.Find(0, 2, 3).Offset);
        Assert.Equal(0, h.Send(0, 2, 3, Read(4096)).Value);
    }

    [Fact]
    public void ReadDir_OnlyWholeRecordsThatFit_OffsetCountsEntries()
    {
        Assert.False(h.Open(2, 3, "data", OpenFlags.ReadOnly).IsError);
        // "app" → 24 bytes, "grpexec" → 32: 60 bytes hold exactly those two.
        var r = h.Send(0, 2, 3, Read(60));
        Assert.Equal(56, r.Value);
        Assert.Equal(new[] { "app", "grpexec" }, Array.ConvertAll(Records(r.Body), x => x.Name));
        Assert.Equal(2, h.Rm.Ocbs.Find(0, 2, 3).Offset);
        var next = Records(h.Send(0, 2, 3, Read(40)).Body);
        Assert.Equal("ownerexec", Assert.Single(next).Name);
        Assert.Equal(3, next[0].Next);
    }

    [Fact]
    public void ReadDir_XtypeOffsetIsAnEntryIndex()
    {
        Assert.False(h.Open(2, 3, "dev", OpenFlags.ReadOnly).IsError);
        var recs = Records(h.Send(0, 2, 3, Read(4096, offset: 2)).Body);
        Assert.Equal(new[] { "ser1", "mem" }, Array.ConvertAll(recs, x => x.Name));
    }

    // ---- RM-3: stat ------------------------------------------------------------------------------------

    [Theory]
    [InlineData(0u, 120)]
    [InlineData(1u, 72)]
    [InlineData(2u, 96)]
    [InlineData(3u, 120)]
    public void Stat_FormatGivesThatFormsSize(uint format, int size)
    {
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        var r = h.Send(0, 2, 3, StatRequest(format));
        Assert.False(r.IsError);
        Assert.Equal(size, r.Body.Length);
    }

    [Fact]
    public void Stat_FormatAboveThree_IsEinval()
    {
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        h.AssertRefusedWithoutEffect(Errno.EINVAL, () => h.Send(0, 2, 3, StatRequest(4)));
    }

    [Fact]
    public void Stat_FormatZero_UsesFixedFormElsePreferred()
    {
        Assert.False(h.Open(2, 3, "data/form32", OpenFlags.ReadOnly).IsError);
        Assert.Equal(96, h.Send(0, 2, 3, StatRequest(0)).Body.Length);
        var b32 = new RmHarness(new RmConfig { Is64Bit = false }).WithProcesses();
        Assert.False(b32.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        Assert.Equal(72, b32.Send(0, 2, 3, StatRequest(0)).Body.Length);
    }

    [Fact]
    public void Stat_Content_FollowsRm16()
    {
        Assert.Equal(0, h.Declare(0, 5, Cred(0, 0)));
        Assert.False(h.Open(5, 3, "dev/shmem/scratch", OpenFlags.ReadOnly).IsError);
        var body = h.Send(0, 5, 3, StatRequest(3)).Body;
        var st = new Stat();
        Assert.Equal(DecodeError.None, st.Decode(body, 0, body.Length, 3));
        Assert.Equal(Namespace.InodeOf("/dev/shmem/scratch"), st.Ino);
        Assert.Equal(65536, st.Size);
        Assert.Equal(h.Rm.Config.DeviceNumber, st.Dev);
        Assert.Equal(FileMode.SubtypeShm, st.Rdev);
        Assert.Equal(FileMode.Nam | 0x1B6, st.Mode);
        Assert.Equal(1u, st.Nlink);
        Assert.Equal(512u, st.Blocksize);
        Assert.Equal(4096u, st.Blksize);
        Assert.Equal(128, st.Nblocks);
        Assert.Equal(128ul, st.Blocks);
        Assert.Equal((uint)h.Clock.Seconds, st.Mtime);
        Assert.Equal(h.Clock.Seconds, st.MtimSec);
        Assert.Equal(h.Clock.Nanos, st.MtimNsec);
    }

    [Fact]
    public void Stat_Directory_HasSizeZeroAndTwoLinks()
    {
        Assert.False(h.Open(2, 3, "data", OpenFlags.ReadOnly).IsError);
        var body = h.Send(0, 2, 3, StatRequest(1)).Body;
        var st = new Stat();
        st.Decode(body, 0, body.Length, 1);
        Assert.Equal(0, st.Size);
        Assert.Equal(2u, st.Nlink);
        Assert.Equal(FileMode.Dir | 0x1FF, st.Mode);
    }

    [Fact]
    public void Stat_NblocksRoundsUp()
    {
        Assert.False(h.Open(2, 3, "data/notes.txt", OpenFlags.ReadWrite).IsError);
        h.Send(0, 2, 3, Write(new byte[] { 1 }, offset: 1024));
        var body = h.Send(0, 2, 3, StatRequest(3)).Body;
        var st = new Stat();
        st.Decode(body, 0, body.Length, 3);
        Assert.Equal(1025, st.Size);
        Assert.Equal(3, st.Nblocks);
        Assert.Equal(3ul, st.Blocks);
    }
}
