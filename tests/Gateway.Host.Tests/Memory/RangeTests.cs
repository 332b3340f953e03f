using System;
using System.Linq;
using System.Threading.Tasks;
using Gateway.Devices.Registers;
using Gateway.Host.Memory;
using Gateway.Protocol.Qnx;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Host.Tests.Memory;

/// <summary>MM-10 (mprotect), MM-11 (munmap and linger), MM-12 (device memory).</summary>
public sealed class RangeTests
{
    [Fact]
    public async Task Mprotect_AddWriteToSharedMappingWithoutAllowedWrite_IsEacces()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadOnly);
        var m = await f.User.MmapAsync(0, 4096, Prot.Read, MapFlags.Shared, fd, 0);
        var (r, msgs) = await f.Traced(() => f.User.MprotectAsync(m.Address, 4096, Prot.Read | Prot.Write));
        Assert.Equal(Errno.EACCES, r.Errno);
        Assert.Empty(msgs);
    }

    [Fact]
    public async Task Mprotect_AddWriteToPrivateMapping_IsAllowed_CopyOnWrite()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadOnly);
        var m = await f.User.MmapAsync(0, 4096, Prot.Read, MapFlags.Private, fd, 0);
        Assert.True((await f.User.MprotectAsync(m.Address, 4096, Prot.Read | Prot.Write)).Ok);
        Assert.True((await f.User.StoreAsync(m.Address, 4, 1)).Ok);
    }

    [Fact]
    public async Task Mprotect_AddExec_SendsAnMmapWithExecRequired_TakesTheExecLock()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadOnly);
        var m = await f.User.MmapAsync(0, 8192, Prot.Read, MapFlags.Private, fd, 0);
        var (r, msgs) = await f.Traced(() => f.User.MprotectAsync(m.Address + 4096, 4096, Prot.Read | Prot.Exec));
        Assert.True(r.Ok, r.ToString());
        Assert.Equal(new[] { "_IO_MMAP" }, msgs);
        Assert.Equal(1, f.Attr("/data/app").ExecLocks);
        // Writers are now refused on the board (RM-1, RM-15).
        Assert.Equal(Errno.EBUSY, (await f.Other.OpenAsync("data/app", OpenFlags.WriteOnly)).Errno);
        // Removing exec sends nothing; the lock stays until the mapping OCB closes.
        var (_, drop) = await f.Traced(() => f.User.MprotectAsync(m.Address, 8192, Prot.Read));
        Assert.Empty(drop);
        Assert.Equal(1, f.Attr("/data/app").ExecLocks);
        await f.User.MunmapAsync(m.Address, 8192);
        Assert.Equal(0, f.Attr("/data/app").ExecLocks);
    }

    [Fact]
    public async Task Mprotect_AddExecOnNonExecutableFile_FailsWithTheBoardsErrno()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.Other, "data/notes.txt", OpenFlags.ReadOnly);
        var m = await f.Other.MmapAsync(0, 4096, Prot.Read, MapFlags.Private, fd, 0);
        var r = await f.Other.MprotectAsync(m.Address, 4096, Prot.Read | Prot.Exec);
        Assert.Equal(Errno.EACCES, r.Errno);
        Assert.Equal(Prot.Read, f.Other.Mappings.Single().Prot);
    }

    [Fact]
    public async Task Mprotect_AddExecAfterFdClosed_IsEaccesWithoutMessage()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadOnly);
        var m = await f.User.MmapAsync(0, 4096, Prot.Read, MapFlags.Private, fd, 0);
        await f.User.CloseAsync(fd);
        await f.OpenAsync(f.User, "data/notes.txt", OpenFlags.ReadOnly); // the same fd number, another open
        var (r, msgs) = await f.Traced(() => f.User.MprotectAsync(m.Address, 4096, Prot.Read | Prot.Exec));
        Assert.Equal(Errno.EACCES, r.Errno);
        Assert.Empty(msgs);
    }

    [Fact]
    public async Task Mprotect_UnmappedPages_IsEnomem()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadOnly);
        var m = await f.User.MmapAsync(0, 4096, Prot.Read, MapFlags.Private, fd, 0);
        Assert.Equal(Errno.ENOMEM, (await f.User.MprotectAsync(m.Address, 8192, Prot.Read)).Errno);
    }

    [Fact]
    public async Task Mprotect_SplitsTheMapping()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadWrite);
        var m = await f.User.MmapAsync(0, 8192, Prot.Read | Prot.Write, MapFlags.Shared, fd, 0);
        Assert.True((await f.User.MprotectAsync(m.Address + 4096, 1, Prot.Read)).Ok);
        Assert.True((await f.User.StoreAsync(m.Address, 4, 1)).Ok);
        Assert.Equal(Signal.Segv, (await f.User.StoreAsync(m.Address + 4096, 4, 1)).Signal);
        Assert.Equal(2, f.User.Mappings.Count);
    }

    [Fact]
    public async Task Munmap_LenZero_IsEinval_UnmappedPartsIgnored_RoundedToPages()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadOnly);
        var m = await f.User.MmapAsync(0, 8192, Prot.Read, MapFlags.Shared, fd, 0);
        Assert.Equal(Errno.EINVAL, (await f.User.MunmapAsync(m.Address, 0)).Errno);
        Assert.True((await f.User.MunmapAsync(m.Address + 4100, 10)).Ok); // the second page goes
        Assert.True((await f.User.LoadAsync(m.Address, 4)).Ok);
        Assert.Equal(Signal.Segv, (await f.User.LoadAsync(m.Address + 4096, 4)).Signal);
        Assert.True((await f.User.MunmapAsync(m.Address - 4096 * 4, 4096 * 20)).Ok);
        Assert.Empty(f.User.Mappings);
    }

    [Fact]
    public async Task Munmap_DirtySharedPagesWrittenBackFirst_LastMappingClosesTheCoid()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadWrite);
        var m = await f.User.MmapAsync(0, 4096, Prot.Read | Prot.Write, MapFlags.Shared, fd, 0);
        await f.User.StoreAsync(m.Address + 8, 4, 0xFEEDFACE);
        var (_, msgs) = await f.Traced(() => f.User.MunmapAsync(m.Address, 4096));
        Assert.Equal(new[] { "_IO_WRITE", "_IO_CLOSE" }, msgs);
        Assert.Equal(0xFEEDFACEu, BitConverter.ToUInt32(f.Attr("/data/app").Data, 8));
        Assert.Equal(0, f.Attr("/data/app").MappingOcbs);
    }

    [Fact]
    public async Task Munmap_StickyFile_Lingers300Seconds()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/sticky", OpenFlags.ReadOnly);
        var m = await f.User.MmapAsync(0, 4096, Prot.Read, MapFlags.Shared, fd, 0);
        var (_, msgs) = await f.Traced(() => f.User.MunmapAsync(m.Address, 4096));
        Assert.Empty(msgs);
        f.Time.Now += TimeSpan.FromSeconds(299);
        await f.Mm.ExpireLingersAsync();
        Assert.Equal(1, f.Attr("/data/sticky").MappingOcbs);
        f.Time.Now += TimeSpan.FromSeconds(2);
        await f.Mm.ExpireLingersAsync();
        Assert.Equal(0, f.Attr("/data/sticky").MappingOcbs);
    }

    [Fact]
    public async Task DeviceMemory_NonRoot_IsEpermWithoutMessage()
    {
        var f = await MmFixture.StartAsync();
        var (r, msgs) = await f.Traced(() => f.User.MmapDeviceMemoryAsync(4096, Prot.Read | Prot.Write, 0, EmulatedWindow));
        Assert.Equal(Errno.EPERM, r.Errno);
        Assert.Empty(msgs);
    }

    private const ulong EmulatedWindow = 0xFE200000;

    [Fact]
    public async Task DeviceMemory_Root_MapsDevMemThroughTheMmsOwnFd_RegistersOfBank0()
    {
        var f = await MmFixture.StartAsync();
        var (r, msgs) = await f.Traced(() => f.Root.MmapDeviceMemoryAsync(4096, Prot.Read | Prot.Write | Prot.NoCache, 0, EmulatedWindow));
        Assert.True(r.Ok, r.ToString());
        Assert.Equal(new[] { "_IO_CONNECT", "_IO_MMAP" }, msgs);
        Assert.Contains(3, f.Mm.MmProcess.Fds);
        Assert.True((await f.Root.StoreAsync(r.Address + GpioBankRegion.Output, 4, 0x77)).Ok);
        Assert.Equal(0x77ul, (await f.Root.LoadAsync(r.Address + GpioBankRegion.Output, 4)).Value);
        Assert.Equal(0xFFFFFFFFul, (await f.Root.LoadAsync(r.Address + GpioBankRegion.Present, 4)).Value);
        // The fd is kept: a second mapping opens nothing.
        var (_, again) = await f.Traced(() => f.Root.MmapDeviceMemoryAsync(4096, Prot.Read | Prot.Write, 0, EmulatedWindow));
        Assert.Equal(new[] { "_IO_MMAP" }, again);
        // Read-only asks open a second, O_RDONLY fd.
        var (_, ro) = await f.Traced(() => f.Root.MmapDeviceMemoryAsync(4096, Prot.Read, 0, EmulatedWindow));
        Assert.Equal(new[] { "_IO_CONNECT", "_IO_MMAP" }, ro);
        Assert.Contains(4, f.Mm.MmProcess.Fds);
    }

    [Fact]
    public async Task DeviceMemory_OutsideTheWindows_IsEnxioFromTheBoard()
    {
        var f = await MmFixture.StartAsync();
        var (r, msgs) = await f.Traced(() => f.Root.MmapDeviceMemoryAsync(4096, Prot.Read, 0, 0x1000));
        Assert.Equal(Errno.ENXIO, r.Errno);
        Assert.Equal("_IO_MMAP", msgs.Last());
    }

    [Fact]
    public async Task ThirtyTwoBitBoard_StatComesInT32_2001()
    {
        var f = await MmFixture.StartAsync(is64: false);
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadOnly);
        var m = await f.User.MmapAsync(0, 4096, Prot.Read, MapFlags.Shared, fd, 0);
        Assert.True(m.StatFromReply);
        Assert.Equal(StatForm.T32_2001, m.ReplyExt!.Form);
        Assert.Equal(8192, m.Stat!.Size);
    }
}
