using System;
using System.Linq;
using System.Threading.Tasks;
using Gateway.Host.Memory;
using Gateway.Protocol.Qnx;

namespace Gateway.Host.Tests.Memory;

/// <summary>Regressions for the findings of the memory manager's review (each names its rule).</summary>
public sealed class ReviewRegressionTests
{
    [Fact]
    public async Task MapFixed_OverAMappingOfTheSameObject_KeepsTheCoidOpen_Mm6Mm11()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadWrite);
        var a = await f.User.MmapAsync(0, 8192, Prot.Read | Prot.Write, MapFlags.Shared, fd, 0);
        var (b, messages) = await f.Traced(() => f.User.MmapAsync(a.Address, 4096, Prot.Read | Prot.Write, MapFlags.Shared | MapFlags.Fixed, fd, 4096));
        Assert.True(b.Ok, b.ToString());
        Assert.Equal(new[] { "_IO_MMAP" }, messages); // no _IO_CLOSE of the object's coid
        Assert.True((await f.User.LoadAsync(b.Address, 4)).Ok);
        var (_, unmap) = await f.Traced(() => f.User.MunmapAsync(a.Address, 8192));
        Assert.Equal(1, unmap.Count(m => m == "_IO_CLOSE")); // closed once, when the last mapping went
        Assert.Equal(0, f.Attr("/data/app").MappingOcbs);
    }

    [Fact]
    public async Task Msync_ObjectSplitOverMappings_SyncsAfterAllItsWriteBacks_Section5()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadWrite);
        var m = await f.User.MmapAsync(0, 8192, Prot.Read | Prot.Write, MapFlags.Shared, fd, 0);
        Assert.True((await f.User.MprotectAsync(m.Address + 4096, 4096, Prot.Read | Prot.Write | Prot.NoCache)).Ok); // split
        await f.User.StoreAsync(m.Address, 4, 1);
        await f.User.StoreAsync(m.Address + 4096, 4, 2);
        var (_, msgs) = await f.Traced(() => f.User.MsyncAsync(m.Address, 8192, MapFlags.MsSync));
        Assert.Equal("_IO_SYNC", msgs.Last());
        Assert.Equal(1, msgs.Count(x => x == "_IO_SYNC"));
    }

    [Theory]
    [InlineData(0ul, 0u)]
    [InlineData(4096ul, MapFlags.Anon)]
    public async Task DeviceMemory_InvalidCall_NoMessage_Mm1Mm12(ulong len, uint flags)
    {
        var f = await MmFixture.StartAsync();
        var (r, msgs) = await f.Traced(() => f.Root.MmapDeviceMemoryAsync(len, Prot.Read, flags, 0xFE200000));
        Assert.Equal(Errno.EINVAL, r.Errno);
        Assert.Empty(msgs);
    }

    [Fact]
    public async Task NoSyncFileMunmap_KeepsAnotherMappingsStores_Mm9Mm11()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadWrite);
        var normal = await f.User.MmapAsync(0, 4096, Prot.Read | Prot.Write, MapFlags.Shared, fd, 0);
        var nosync = await f.User.MmapAsync(0, 4096, Prot.Read | Prot.Write, MapFlags.Shared | MapFlags.NoSyncFile, fd, 0);
        await f.User.StoreAsync(normal.Address + 16, 4, 0xABCD1234);
        await f.User.MunmapAsync(nosync.Address, 4096);
        await f.User.MsyncAsync(normal.Address, 4096, MapFlags.MsAsync);
        Assert.Equal(0xABCD1234u, BitConverter.ToUInt32(f.Attr("/data/app").Data, 16));
    }

    [Fact]
    public async Task PrivateStoreAcrossPages_OnASharedObject_IsCopyOnWriteWithoutException_Mm9()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "dev/shmem/scratch", OpenFlags.ReadWrite);
        var m = await f.User.MmapAsync(0, 8192, Prot.Read | Prot.Write, MapFlags.Private, fd, 0);
        Assert.True(m.Ok, m.ToString());
        Assert.True((await f.User.StoreAsync(m.Address + 4092, 8, 0x1122334455667788)).Ok);
        Assert.Equal(0x1122334455667788ul, (await f.User.LoadAsync(m.Address + 4092, 8)).Value);
        Assert.Equal(0u, BitConverter.ToUInt32(f.Attr("/dev/shmem/scratch").Data, 4092));
    }

    [Fact]
    public async Task RangesPastTheTopOfTheAddressSpace_AreEinval()
    {
        var f = await MmFixture.StartAsync();
        Assert.Equal(Errno.EINVAL, (await f.User.MmapAsync(0xFFFFFFFFFFFFF000, 0x2000, Prot.Read, MapFlags.Private | MapFlags.Anon | MapFlags.Fixed, MapFlags.NoFd, 0)).Errno);
        Assert.Equal(Errno.EINVAL, (await f.User.MunmapAsync(0xFFFFFFFFFFFFF000, 0x2000)).Errno);
        Assert.Equal(Errno.EINVAL, (await f.User.MprotectAsync(0xFFFFFFFFFFFFF000, 0x2000, Prot.Read)).Errno);
        Assert.Equal(Errno.EINVAL, (await f.User.MsyncAsync(0xFFFFFFFFFFFFF000, 0x2000, MapFlags.MsAsync)).Errno);
    }

    [Fact]
    public async Task StoreStraddlingThePageWhollyPastStSize_IsSigbusWithNothingStored_Mm7()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadWrite); // 8192 bytes: 2 pages
        var m = await f.User.MmapAsync(0, 12288, Prot.Read | Prot.Write, MapFlags.Shared, fd, 0);
        byte[] before = f.Attr("/data/app").Data[8188..8192];
        Assert.Equal(Signal.Bus, (await f.User.StoreAsync(m.Address + 8188, 8, 0x1122334455667788)).Signal);
        await f.User.MunmapAsync(m.Address, 12288);
        Assert.Equal(before, f.Attr("/data/app").Data[8188..8192]);
    }

    [Fact]
    public async Task MsyncOfZeroLength_SucceedsWithNoMessage()
    {
        var f = await MmFixture.StartAsync();
        var (r, msgs) = await f.Traced(() => f.User.MsyncAsync(0x5000_0000, 0, MapFlags.MsSync));
        Assert.True(r.Ok);
        Assert.Empty(msgs);
    }
}
