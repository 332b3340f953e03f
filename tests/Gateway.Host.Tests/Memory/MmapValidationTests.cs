using System.Threading.Tasks;
using Gateway.Host.Memory;
using Gateway.Protocol.Qnx;

namespace Gateway.Host.Tests.Memory;

/// <summary>MM-1: host-side validation, no message.</summary>
public sealed class MmapValidationTests
{
    public static TheoryData<ulong, uint, uint, int, long, ulong, int> Cases() => new()
    {
        // len, prot, flags, fd (3 = an open fd, -1 NOFD, 9 unknown), offset, addr, errno
        { 0, Prot.Read, MapFlags.Shared, 3, 0, 0, Errno.EINVAL },
        { 4096, 0x1000, MapFlags.Shared, 3, 0, 0, Errno.EINVAL },
        { 4096, Prot.Read, MapFlags.Shared | 0x4, 3, 0, 0, Errno.EINVAL },
        { 4096, Prot.Read, MapFlags.Shared | 0x8, 3, 0, 0, Errno.EINVAL },
        { 4096, Prot.Read, MapFlags.Shared | 0x8000, 3, 0, 0, Errno.EINVAL },
        { 4096, Prot.Read, MapFlags.Shared | MapFlags.SysRam, 3, 0, 0, Errno.EINVAL },
        { 4096, Prot.Read, MapFlags.Shared | 0x80000000, 3, 0, 0, Errno.EINVAL },
        { 4096, Prot.Read, MapFlags.Shared | Prot.Read, 3, 0, 0, Errno.EINVAL },
        { 4096, Prot.Read, MapFlags.Shared | MapFlags.Private, 3, 0, 0, Errno.EINVAL },
        { 4096, Prot.Read, MapFlags.Shared | MapFlags.Phys, 3, 0, 0, Errno.EINVAL },
        { 4096, Prot.Read, MapFlags.Shared | MapFlags.Anon, 3, 0, 0, Errno.EINVAL },
        { 4096, Prot.Read, MapFlags.Shared, 9, 0, 0, Errno.EBADF },
        { 4096, Prot.Read, MapFlags.Shared, 3, -4096, 0, Errno.EINVAL },
        { 4096, Prot.Read, MapFlags.Shared | MapFlags.Fixed, 3, 0, 0x2000_0100, Errno.EINVAL },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Mmap_InvalidCall_FailsOnTheHostWithNoMessage(ulong len, uint prot, uint flags, int fd, long offset, ulong addr, int errno)
    {
        var f = await MmFixture.StartAsync();
        await f.OpenAsync(f.Root, "data/app", OpenFlags.ReadWrite);
        var (r, messages) = await f.Traced(() => f.Root.MmapAsync(addr, len, prot, flags, fd, offset));
        Assert.Equal(Errno.Name(errno), Errno.Name(r.Errno));
        Assert.Empty(messages);
    }

    [Fact]
    public async Task Mmap_NoFdWithoutAnon_IsAnonymous_NoMessage_ZeroFilled()
    {
        var f = await MmFixture.StartAsync();
        var (r, messages) = await f.Traced(() => f.User.MmapAsync(0, 8192, Prot.Read | Prot.Write, MapFlags.Private, MapFlags.NoFd, 0));
        Assert.True(r.Ok);
        Assert.Empty(messages);
        Assert.Equal(0ul, (await f.User.LoadAsync(r.Address + 100, 8)).Value);
        Assert.True((await f.User.StoreAsync(r.Address + 100, 4, 0xDEADBEEF)).Ok);
        Assert.Equal(0xDEADBEEFul, (await f.User.LoadAsync(r.Address + 100, 4)).Value);
    }

    [Fact]
    public async Task Mmap_NoMapType_IsPrivate()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadOnly);
        var (r, _) = await f.Traced(() => f.User.MmapAsync(0, 4096, Prot.Read | Prot.Write, 0, fd, 0));
        Assert.True(r.Ok, r.ToString());
        Assert.Equal(Prot.Read, r.SentRequiredProt); // private: write not required (MM-2)
    }

    [Fact]
    public async Task Mmap_UnalignedOffset_AddressCongruentModPage()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadOnly);
        var r = await f.User.MmapAsync(0, 100, Prot.Read, MapFlags.Shared, fd, 4096 + 123);
        Assert.True(r.Ok, r.ToString());
        Assert.Equal(123ul, r.Address % 4096);
        var data = f.Attr("/data/app").Data;
        Assert.Equal((ulong)data[4096 + 123], (await f.User.LoadAsync(r.Address, 1)).Value);
    }

    [Fact]
    public async Task Mmap_FixedReplacesWholePages_RefusedFixedLeavesOldMapping()
    {
        var f = await MmFixture.StartAsync();
        var anon = await f.User.MmapAsync(0, 3 * 4096, Prot.Read | Prot.Write, MapFlags.Private | MapFlags.Anon, MapFlags.NoFd, 0);
        await f.User.StoreAsync(anon.Address + 4096 + 8, 8, 0x1122334455667788);
        int fd = await f.OpenAsync(f.User, "data/private", OpenFlags.ReadOnly);
        // Refused on the board (write asked on an O_RDONLY fd, MAP_SHARED): the old mapping stays.
        var refused = await f.User.MmapAsync(anon.Address + 4096, 4096, Prot.Read | Prot.Write, MapFlags.Shared | MapFlags.Fixed, fd, 0);
        Assert.Equal(Errno.EACCES, refused.Errno);
        Assert.Equal(0x1122334455667788ul, (await f.User.LoadAsync(anon.Address + 4096 + 8, 8)).Value);
        var ok = await f.User.MmapAsync(anon.Address + 4096, 4096, Prot.Read, MapFlags.Shared | MapFlags.Fixed, fd, 0);
        Assert.True(ok.Ok);
        Assert.Equal(anon.Address + 4096, ok.Address);
        Assert.Equal((ulong)f.Attr("/data/private").Data[8], (await f.User.LoadAsync(anon.Address + 4096 + 8, 1)).Value);
        Assert.Equal(3, f.User.Mappings.Count);
    }

    [Fact]
    public async Task Open_SeventeenthFd_IsEmfileWithoutMessage_FdsLowestFreeFromThree()
    {
        var f = await MmFixture.StartAsync();
        for (int i = 0; i < 16; i++)
        {
            Assert.Equal(3 + i, await f.OpenAsync(f.User, "data/app", OpenFlags.ReadOnly));
        }

        var (r, messages) = await f.Traced(() => f.User.OpenAsync("data/app", OpenFlags.ReadOnly));
        Assert.Equal(Errno.EMFILE, r.Errno);
        Assert.Empty(messages);
        Assert.True((await f.User.CloseAsync(5)).Ok);
        Assert.Equal(5, await f.OpenAsync(f.User, "data/app", OpenFlags.ReadOnly));
    }
}
