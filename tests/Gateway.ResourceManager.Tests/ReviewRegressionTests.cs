using Gateway.Protocol.Qnx;
using Gateway.InProcess;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.ResourceManager.Tests;

/// <summary>Regressions for the findings of the resource manager's review (each names its rule).</summary>
public sealed class ReviewRegressionTests
{
    [Fact]
    public void StatusOpen_PoolFull_StillAnswersEarlierRm1ChecksFirst_AndNoAccessOpensNeedNoBuffer()
    {
        var h = new RmHarness(new RmConfig { StatusSnapshots = 1 }).WithProcesses();
        Assert.False(h.Open(2, 3, "fw/status", OpenFlags.ReadOnly).IsError);
        Assert.Equal(Errno.EROFS, h.Open(2, 4, "fw/status", OpenFlags.WriteOnly).Errno); // RM-1 order: EROFS before ENFILE
        h.AssertRefusedWithoutEffect(Errno.ENFILE, () => h.Open(2, 4, "fw/status", OpenFlags.ReadOnly));
        // Stat by path asks for no access: it needs no snapshot buffer.
        var r = h.Send(0, 2, 5, Connect("fw/status", OpenFlags.ReadOnly, ConnectSubtype.CombineClose, extra: StatRequest(0)));
        var noAccess = Connect("fw/status", OpenFlags.ReadOnly);
        Protocol.Wire.LittleEndian.WriteU32(noAccess, Protocol.Messages.IoConnect.OffIoflag, 0);
        Protocol.Wire.LittleEndian.WriteU16(noAccess, Protocol.Messages.IoConnect.OffAccess, 0);
        Assert.False(h.Send(0, 2, 6, noAccess).IsError);
    }

    [Fact]
    public void CreatWithExec_OnANonExecutableMode_IsEaccesAndCreatesNothing_Rm1Rm12()
    {
        var h = new RmHarness().WithProcesses();
        h.AssertRefusedWithoutEffect(Errno.EACCES, () => h.Open(2, 3, "data/newexec", OpenFlags.Exec | OpenFlags.Creat, mode: 0x1A4));
        Assert.Null(h.Rm.Namespace.Find("/data/newexec"));
        Assert.False(h.Open(2, 3, "data/newexec", OpenFlags.Exec | OpenFlags.Creat, mode: 0x1ED).IsError);
    }

    [Fact]
    public void WritePastTheEnd_OfARegularFileThatCannotGrow_IsEnospc_Rm2()
    {
        var h = new RmHarness().WithProcesses(uid: 0, gid: 0);
        Assert.False(h.Open(2, 3, "noexec/tool", OpenFlags.ReadWrite).IsError);
        Assert.Equal(Errno.ENOSPC, h.Send(0, 2, 3, Write(new byte[4], 4096)).Errno);
        Assert.Equal(2, h.Send(0, 2, 3, Write(new byte[4], 4094)).Value); // what fits is written
    }

    [Fact]
    public void OAppend_PlainWritesGoToTheEnd()
    {
        var h = new RmHarness().WithProcesses();
        Assert.False(h.Open(2, 3, "data/notes.txt", OpenFlags.WriteOnly | OpenFlags.Append).IsError);
        Assert.Equal(3, h.Send(0, 2, 3, Write(new byte[] { 1, 2, 3 })).Value);
        Assert.Equal(1027, h.Attr("/data/notes.txt").Size);
    }
}

/// <summary>Paths with a trailing slash name directories (RM-1, POSIX).</summary>
public sealed class TrailingSlashTests
{
    [Fact]
    public void TrailingSlash_AfterAFile_IsEnotdir_AfterADirectoryOpens()
    {
        var h = new RmHarness().WithProcesses();
        h.AssertRefusedWithoutEffect(Errno.ENOTDIR, () => h.Open(2, 3, "data/app/", OpenFlags.ReadOnly));
        Assert.False(h.Open(2, 3, "data/", OpenFlags.ReadOnly).IsError);
    }

    [Fact]
    public void TrailingSlash_OnAMissingName_CreatesNothing()
    {
        var h = new RmHarness().WithProcesses();
        h.AssertRefusedWithoutEffect(Errno.ENOENT, () => h.Open(2, 3, "data/newdir/", OpenFlags.ReadWrite | OpenFlags.Creat, mode: 0x1A4));
        Assert.Null(h.Rm.Namespace.Find("/data/newdir"));
    }
}
