using System;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;
using Gateway.InProcess;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.ResourceManager.Tests;

/// <summary>RM-6 … RM-8, RM-13, RM-14 edges, the mapping OCB of RM-15 and the exec lock, RM-5.</summary>
public sealed class MmapTests
{
    private readonly RmHarness h = new RmHarness().WithProcesses(clientPid: 2, uid: 100, gid: 100);

    private IoMmapReplyExt Ext(RmResult r)
    {
        Assert.False(r.IsError, r.ToString());
        Assert.Equal(IoMmapReplyExt.Size, r.Body.Length);
        var x = new IoMmapReplyExt();
        Assert.Equal(DecodeError.None, x.Decode(r.Body, 0, r.Body.Length));
        return x;
    }

    // ---- RM-6, RM-7, RM-8 -------------------------------------------------------------------------------

    [Fact]
    public void Mmap_FromClientProcess_IsEnosys()
    {
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        h.AssertRefusedWithoutEffect(Errno.ENOSYS, () => h.Send(0, 2, 0x40000000, Mmap(2, 3, Prot.Read, Prot.Read, 0, 4096)));
    }

    [Fact]
    public void Mmap_NoClientOcb_IsEbadf()
    {
        h.AssertRefusedWithoutEffect(Errno.EBADF, () => h.MapFor(2, 3, Prot.Read, Prot.Read));
    }

    [Fact]
    public void Mmap_ClientOcbInAnotherSession_IsEbadf()
    {
        Assert.Equal(0, h.Declare(1, 2, Cred(100, 100)));
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly, session: 1).IsError);
        h.AssertRefusedWithoutEffect(Errno.EBADF, () => h.MapFor(2, 3, Prot.Read, Prot.Read, session: 0));
    }

    [Fact]
    public void Mmap_NamingAMappingOcb_IsEbadf()
    {
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        var x = Ext(h.MapFor(2, 3, Prot.Read, Prot.Read));
        h.AssertRefusedWithoutEffect(Errno.EBADF, () => h.MapFor(1, x.Base.Coid, Prot.Read, Prot.Read));
    }

    [Fact]
    public void Mmap_HandlerRefuses_IsEnosysBeforeOtherChecks()
    {
        Assert.Equal(0, h.Declare(0, 5, Cred(0, 0)));
        Assert.False(h.Open(5, 3, "dev/ser1", OpenFlags.WriteOnly).IsError);
        // The fd has no RD (RM-11 would say EACCES), but the handler's refusal comes first (RM-8).
        h.AssertRefusedWithoutEffect(Errno.ENOSYS, () => h.MapFor(5, 3, Prot.Read, Prot.Read));
    }

    [Fact]
    public void Mmap_RequiredProtZero_FallsBackToProt_AndIgnoresRequestedLen()
    {
        Assert.Equal(0, h.Declare(0, 5, Cred(0, 0)));
        Assert.False(h.Open(5, 3, "dev/gpio/bank0", OpenFlags.ReadOnly).IsError);
        // prot asks for write on a read-only fd: an old server answer is EACCES.
        h.AssertRefusedWithoutEffect(Errno.EACCES, () => h.Send(0, 1, h.NewMmCoid(), Mmap(5, 3, Prot.Read | Prot.Write, 0, 0, 4096)));
        // requested_len past the end is ignored when required_prot is 0.
        Assert.False(h.Send(0, 1, h.NewMmCoid(), Mmap(5, 3, Prot.Read, 0, 0, 1 << 20)).IsError);
    }

    [Fact]
    public void Mmap_ReadOnlyMountAskingWrite_IsErofsBeforeEacces()
    {
        var g = new RmHarness().WithProcesses(uid: 5, gid: 5);
        Assert.False(g.Open(2, 3, "fw/bin/table.bin", OpenFlags.ReadOnly).IsError);
        g.AssertRefusedWithoutEffect(Errno.EROFS, () => g.MapFor(2, 3, Prot.Read | Prot.Write, Prot.Read | Prot.Write));
    }

    [Fact]
    public void Mmap_WriteOnlyFd_EvenProtNone_IsEacces()
    {
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.WriteOnly).IsError);
        h.AssertRefusedWithoutEffect(Errno.EACCES, () => h.MapFor(2, 3, Prot.None, Prot.None));
        h.AssertRefusedWithoutEffect(Errno.EACCES, () => h.MapFor(2, 3, Prot.Write, Prot.Write));
    }

    // ---- RM-12 -----------------------------------------------------------------------------------------

    [Theory]
    [InlineData(0, 0, "fw/bin/blink", true)]            // root, 0755
    [InlineData(0, 0, "fw/bin/table.bin", false)]       // root needs any x bit
    [InlineData(0, 0, "noexec/tool", false)]            // no-exec mount
    [InlineData(0, 0, "dev/shmem/scratch", false)]      // devices never
    [InlineData(0, 0, "dev/gpio/bank0", false)]
    [InlineData(100, 100, "data/ownerexec", true)]      // 0744 owner
    [InlineData(101, 100, "data/ownerexec", false)]     // group r--
    [InlineData(101, 30, "data/grpexec", true)]         // 0754 100:30 group r-x
    [InlineData(100, 30, "data/grpexec", true)]         // owner rwx
    [InlineData(102, 99, "data/grpexec", false)]        // other r--
    [InlineData(102, 99, "data/app", true)]             // 0755 other r-x
    public void Mmap_ExecPermission_OnEffectiveCredentials(int uid, int gid, string path, bool executable)
    {
        var g = new RmHarness();
        Assert.Equal(0, g.Declare(0, 1, Cred(0, 0)));
        Assert.Equal(0, g.Declare(0, 2, Cred(uid, gid)));
        Assert.False(g.Open(2, 3, path, OpenFlags.ReadOnly).IsError);
        var r = g.MapFor(2, 3, Prot.Read | Prot.Exec, Prot.Read | Prot.Exec);
        if (executable)
        {
            Assert.False(r.IsError, r.ToString());
        }
        else
        {
            Assert.Equal(Errno.EACCES, r.Errno);
        }

        var plain = g.MapFor(2, 3, Prot.Read, Prot.Read);
        Assert.False(plain.IsError);
        var x = new IoMmapReplyExt();
        if (plain.Body.Length == IoMmapReplyExt.Size)
        {
            x.Decode(plain.Body, 0, plain.Body.Length);
            Assert.Equal(executable, (x.Base.AllowedProt & Prot.Exec) != 0);
        }
    }

    [Fact]
    public void Mmap_ExecForDirectory_IsEacces_PlainReadIsPlainReply()
    {
        Assert.False(h.Open(2, 3, "data", OpenFlags.ReadOnly).IsError);
        h.AssertRefusedWithoutEffect(Errno.EACCES, () => h.MapFor(2, 3, Prot.Read | Prot.Exec, Prot.Read | Prot.Exec));
        var r = h.MapFor(2, 3, Prot.Read, Prot.Read);
        Assert.False(r.IsError);
        Assert.Equal(IoMmapReply.Size, r.Body.Length);
    }

    // ---- RM-13 -----------------------------------------------------------------------------------------

    [Theory]
    [InlineData(0x8000000000000000ul, 0ul, Errno.EOVERFLOW)]
    [InlineData(0x7FFFFFFFFFFFFFFFul, 1ul, Errno.ENXIO)]       // offset + len = 2^63 fits off_t; the region bound says no
    [InlineData(0x7FFFFFFFFFFFFFFFul, 2ul, Errno.EOVERFLOW)]
    [InlineData(0ul, 0x8000000000000001ul, Errno.EOVERFLOW)]
    [InlineData(65536ul, 0ul, Errno.EOK)]                      // offset = size with len 0
    [InlineData(65537ul, 0ul, Errno.ENXIO)]                    // offset > size
    [InlineData(61440ul, 4096ul, Errno.EOK)]
    [InlineData(61441ul, 4096ul, Errno.ENXIO)]
    [InlineData(0ul, 65536ul, Errno.EOK)]
    [InlineData(0ul, 65537ul, Errno.ENXIO)]
    public void Mmap_BoundsOfFixedSizeRegion(ulong offset, ulong length, int expected)
    {
        Assert.False(h.Open(2, 3, "dev/shmem/scratch", OpenFlags.ReadWrite).IsError);
        string before = h.StateFingerprint();
        var r = h.MapFor(2, 3, Prot.Read | Prot.Write, Prot.Read | Prot.Write, offset, length);
        Assert.Equal(Errno.Name(expected), Errno.Name(r.Errno));
        if (r.IsError)
        {
            Assert.Equal(before, h.StateFingerprint());
        }
    }

    [Fact]
    public void Mmap_RegularFile_NotBoundsChecked_ButOverflowIs()
    {
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        Assert.False(h.MapFor(2, 3, Prot.Read, Prot.Read, 1 << 30, 1 << 20).IsError);
        Assert.Equal(Errno.EOVERFLOW, h.MapFor(2, 3, Prot.Read, Prot.Read, 0x7FFFFFFFFFFFF000, 0x2000).Errno);
    }

    [Theory]
    [InlineData(0xFE200000ul, 4096ul, Errno.EOK)]
    [InlineData(0xFE200000ul, 4097ul, Errno.ENXIO)]
    [InlineData(0xFE1FF000ul, 4096ul, Errno.ENXIO)]
    [InlineData(0xFE200800ul, 2048ul, Errno.EOK)]
    [InlineData(0xFE201000ul, 0ul, Errno.ENXIO)]
    [InlineData(0ul, 4096ul, Errno.ENXIO)]
    [InlineData(0x8000000000000000ul, 4096ul, Errno.EOVERFLOW)]
    public void Mmap_DevMem_OnlyDeclaredWindows(ulong offset, ulong length, int expected)
    {
        Assert.Equal(0, h.Declare(0, 5, Cred(0, 0)));
        Assert.False(h.Open(5, 3, "dev/mem", OpenFlags.ReadWrite).IsError);
        var r = h.MapFor(5, 3, Prot.Read | Prot.Write, Prot.Read | Prot.Write, offset, length);
        Assert.Equal(Errno.Name(expected), Errno.Name(r.Errno));
    }

    // ---- RM-14 -----------------------------------------------------------------------------------------

    [Fact]
    public void Mmap_ExecWhileAnotherFdWrites_IsEbusy_ReadOnlyFdOtherwiseFine()
    {
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        Assert.False(h.Open(2, 4, "data/app", OpenFlags.WriteOnly).IsError);
        h.AssertRefusedWithoutEffect(Errno.EBUSY, () => h.MapFor(2, 3, Prot.Read | Prot.Exec, Prot.Read | Prot.Exec));
        h.CloseFd(2, 4);
        Assert.False(h.MapFor(2, 3, Prot.Read | Prot.Exec, Prot.Read | Prot.Exec).IsError);
    }

    [Fact]
    public void Mmap_ExecFromOwnRdwrFd_IsEbusy()
    {
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadWrite).IsError);
        h.AssertRefusedWithoutEffect(Errno.EBUSY, () => h.MapFor(2, 3, Prot.Read | Prot.Exec, Prot.Read | Prot.Exec));
    }

    [Fact]
    public void Mmap_ExecWhenOnlyTheMappingOcbWrites_Succeeds()
    {
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadWrite).IsError);
        var first = Ext(h.MapFor(2, 3, Prot.Read | Prot.Write, Prot.Read | Prot.Write));
        h.CloseFd(2, 3);
        Assert.False(h.Open(2, 4, "data/app", OpenFlags.ReadOnly).IsError);
        var a = h.Attr("/data/app");
        Assert.Equal(1, a.WriteCount); // the mapping OCB's WR
        var x = Ext(h.MapFor(2, 4, Prot.Read | Prot.Exec, Prot.Read | Prot.Exec));
        Assert.Equal(first.Base.Coid, x.Base.Coid);
        Assert.Equal(1, a.ExecLocks);
    }

    // ---- RM-15: the mapping OCB and the exec lock --------------------------------------------------------

    [Fact]
    public void MappingOcb_Lifecycle_CreateReuseUpgradeClose_CountsAfterEachStep()
    {
        var a = h.Attr("/data/app");
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        Assert.Equal((1, 1, 0, 0, 0), (a.OpenCount, a.ReadCount, a.WriteCount, a.MappingOcbs, a.ExecLocks));

        // Create: bound to the request's coid, with RD.
        int c1 = h.NewMmCoid();
        var x1 = Ext(h.MapFor(2, 3, Prot.Read | Prot.Write, Prot.Read, coid: c1));
        Assert.Equal(c1, x1.Base.Coid);
        var m = h.Rm.Ocbs.Find(0, 1, c1);
        Assert.True(m.IsMapping);
        Assert.True(m.CanRead);
        Assert.False(m.CanWrite); // prot asks for write but the client has no WR
        Assert.Equal((2, 2, 0, 1, 0), (a.OpenCount, a.ReadCount, a.WriteCount, a.MappingOcbs, a.ExecLocks));

        // Reuse: the reply names the first coid, not the new one; the new coid stays unbound.
        Assert.False(h.Open(2, 4, "data/app", OpenFlags.ReadWrite).IsError);
        int c2 = h.NewMmCoid();
        var x2 = Ext(h.MapFor(2, 4, Prot.Read | Prot.Write, Prot.Read | Prot.Write, coid: c2));
        Assert.Equal(c1, x2.Base.Coid);
        Assert.Null(h.Rm.Ocbs.Find(0, 1, c2));
        // Upgrade: WR added under the same condition.
        Assert.True(m.CanWrite);
        Assert.Equal((3, 3, 2, 1, 0), (a.OpenCount, a.ReadCount, a.WriteCount, a.MappingOcbs, a.ExecLocks));

        // The mapping OCB pages through its coid.
        var page = h.Send(0, 1, c1, Concat(Lseek(4096, Whence.Set, IoMessageType.CombineFlag), Read(4096)));
        Assert.Equal(4096, page.Value);
        Assert.Equal(5, h.Send(0, 1, c1, Write(new byte[5], offset: 0)).Value);

        // Close: counts and the lock return to what they were.
        h.CloseFd(2, 3);
        h.CloseFd(2, 4);
        Assert.Equal((1, 1, 1, 1, 0), (a.OpenCount, a.ReadCount, a.WriteCount, a.MappingOcbs, a.ExecLocks));
        Assert.False(h.Send(0, 1, c1, Close()).IsError);
        Assert.Equal((0, 0, 0, 0, 0), (a.OpenCount, a.ReadCount, a.WriteCount, a.MappingOcbs, a.ExecLocks));
    }

    [Fact]
    public void MappingOcb_OnePerFilePerMemoryManagerSession()
    {
        Assert.Equal(0, h.Declare(1, 1, Cred(0, 0)));
        Assert.Equal(0, h.Declare(1, 2, Cred(100, 100)));
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly, session: 1).IsError);
        var x0 = Ext(h.MapFor(2, 3, Prot.Read, Prot.Read, session: 0, coid: 0x40000000));
        var x1 = Ext(h.MapFor(2, 3, Prot.Read, Prot.Read, session: 1, coid: 0x40000007));
        Assert.Equal(0x40000000, x0.Base.Coid);
        Assert.Equal(0x40000007, x1.Base.Coid);
        Assert.Equal(2, h.Attr("/data/app").MappingOcbs);
    }

    [Fact]
    public void MappingOcb_OnCoidBoundToAnotherOcb_IsEinval()
    {
        // The memory manager itself opened /data/notes.txt on coid 0x40000010.
        Assert.False(h.Open(1, 0x40000010, "data/notes.txt", OpenFlags.ReadOnly).IsError);
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        h.AssertRefusedWithoutEffect(Errno.EINVAL, () => h.MapFor(2, 3, Prot.Read, Prot.Read, coid: 0x40000010));
    }

    [Fact]
    public void ExecLock_TakenOnlyForExecMappings_BlocksWriteOpens_ReleasedOnClose()
    {
        var a = h.Attr("/data/app");
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        var plain = Ext(h.MapFor(2, 3, Prot.Read, Prot.Read));
        Assert.Equal(0, a.ExecLocks);
        Assert.False(h.Open(2, 4, "data/app", OpenFlags.WriteOnly).IsError);
        h.CloseFd(2, 4);

        var x = Ext(h.MapFor(2, 3, Prot.Read | Prot.Exec, Prot.Read | Prot.Exec));
        Assert.Equal(plain.Base.Coid, x.Base.Coid);
        Assert.Equal(1, a.ExecLocks);
        h.AssertRefusedWithoutEffect(Errno.EBUSY, () => h.Open(2, 4, "data/app", OpenFlags.WriteOnly));
        h.AssertRefusedWithoutEffect(Errno.EBUSY, () => h.Open(2, 4, "data/app", OpenFlags.ReadWrite));
        Assert.False(h.Open(2, 4, "data/app", OpenFlags.ReadOnly).IsError);

        // A second exec mapping does not take a second lock.
        Ext(h.MapFor(2, 3, Prot.Read | Prot.Exec, Prot.Read | Prot.Exec));
        Assert.Equal(1, a.ExecLocks);

        Assert.False(h.Send(0, 1, x.Base.Coid, Close()).IsError);
        Assert.Equal(0, a.ExecLocks);
        Assert.False(h.Open(2, 5, "data/app", OpenFlags.WriteOnly).IsError);
    }

    [Fact]
    public void ExecLock_NotTakenWhenTheMappingFails()
    {
        // A one-slot OCB table: the client's fd takes it, so the mapping OCB cannot be created: ENOMEM, and no lock.
        var g = new RmHarness(new RmConfig { MaxOcbs = 1 }).WithProcesses();
        Assert.False(g.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        g.AssertRefusedWithoutEffect(Errno.ENOMEM, () => g.MapFor(2, 3, Prot.Read | Prot.Exec, Prot.Read | Prot.Exec));
        Assert.Equal(0, g.Attr("/data/app").ExecLocks);
    }

    // ---- RM-5 ------------------------------------------------------------------------------------------

    [Fact]
    public void EndSession_ClosesClientAndMappingOcbs_ReleasesLocksAndShareModes()
    {
        var a = h.Attr("/data/app");
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly, sflag: OpenFlags.ShDenyWr).IsError);
        Ext(h.MapFor(2, 3, Prot.Read | Prot.Exec, Prot.Read | Prot.Exec));
        Assert.Equal(0, h.Declare(1, 2, Cred(100, 100)));
        Assert.Equal(Errno.EBUSY, h.Open(2, 3, "data/app", OpenFlags.WriteOnly, session: 1).Errno);

        h.Rm.EndSession(0);
        Assert.Equal((0, 0, 0, 0, 0, 0), (a.OpenCount, a.ReadCount, a.WriteCount, a.MappingOcbs, a.ExecLocks, a.DenyWriteCount));
        Assert.Equal(0, h.Rm.Ocbs.CountInUse());
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.WriteOnly, session: 1).IsError);
        // The session's processes are gone.
        Assert.Equal(Errno.EPERM, h.Open(2, 4, "data/app", OpenFlags.ReadOnly, session: 0).Errno);
    }

    // ---- limits ----------------------------------------------------------------------------------------

    [Fact]
    public void Open_NoFreeOcb_IsEnfile()
    {
        var g = new RmHarness(new RmConfig { MaxOcbs = 2 }).WithProcesses();
        Assert.False(g.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        Assert.False(g.Open(2, 4, "data/app", OpenFlags.ReadOnly).IsError);
        g.AssertRefusedWithoutEffect(Errno.ENFILE, () => g.Open(2, 5, "data/app", OpenFlags.ReadOnly));
        g.AssertRefusedWithoutEffect(Errno.ENFILE, () => g.Open(2, 5, "data/created", OpenFlags.ReadWrite | OpenFlags.Creat, mode: 0x1A4));
        Assert.Null(g.Rm.Namespace.Find("/data/created"));
    }

    [Fact]
    public void Open_ProcessOutOfFds_IsEmfile()
    {
        var g = new RmHarness(new RmConfig { MaxFdsPerProcess = 2 }).WithProcesses();
        Assert.False(g.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        Assert.False(g.Open(2, 4, "data/app", OpenFlags.ReadOnly).IsError);
        g.AssertRefusedWithoutEffect(Errno.EMFILE, () => g.Open(2, 5, "data/app", OpenFlags.ReadOnly));
        Assert.Equal(0, g.Declare(0, 3, Cred(100, 100)));
        Assert.False(g.Open(3, 5, "data/app", OpenFlags.ReadOnly).IsError);
    }

    [Fact]
    public void Mmap_NoFreeOcbForMappingOcb_IsEnomem()
    {
        var g = new RmHarness(new RmConfig { MaxOcbs = 1 }).WithProcesses();
        Assert.False(g.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        g.AssertRefusedWithoutEffect(Errno.ENOMEM, () => g.MapFor(2, 3, Prot.Read, Prot.Read));
    }

    [Fact]
    public void ThousandsOfMappings_OpenAndClosed_CountsBackToZero()
    {
        var a = h.Attr("/dev/shmem/scratch");
        Assert.Equal(0, h.Declare(0, 5, Cred(0, 0)));
        for (int i = 0; i < 3000; i++)
        {
            Assert.False(h.Open(5, 3, "dev/shmem/scratch", OpenFlags.ReadWrite).IsError);
            var x = Ext(h.MapFor(5, 3, Prot.Read | Prot.Write, Prot.Read | Prot.Write, (ulong)(i % 16) * 4096, 4096));
            Assert.False(h.CloseFd(5, 3).IsError);
            Assert.False(h.Send(0, 1, x.Base.Coid, Close()).IsError);
        }

        Assert.Equal((0, 0, 0, 0), (a.OpenCount, a.ReadCount, a.WriteCount, a.MappingOcbs));
        Assert.Equal(0, h.Rm.Ocbs.CountInUse());
    }
}
