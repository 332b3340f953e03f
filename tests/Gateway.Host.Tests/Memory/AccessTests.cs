using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Devices.Registers;
using Gateway.Host.Board;
using Gateway.Host.Memory;
using Gateway.Protocol.Qnx;

namespace Gateway.Host.Tests.Memory;

/// <summary>MM-7 (page-in), MM-8 (cache behaviours), MM-9 (faults and stores).</summary>
public sealed class AccessTests
{
    [Fact]
    public async Task PageIn_IsOneCombinedLseekRead_WithReadAheadToTheMappingEnd()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadOnly);
        var m = await f.User.MmapAsync(0, 8192, Prot.Read, MapFlags.Shared, fd, 0);
        var (v, messages) = await f.Traced(() => f.User.LoadAsync(m.Address + 4100, 4));
        Assert.Equal(new[] { "_IO_LSEEK+_IO_READ" }, messages);
        Assert.Equal(BitConverter.ToUInt32(f.Attr("/data/app").Data, 4100), (uint)v.Value);
        var (_, none) = await f.Traced(() => f.User.LoadAsync(m.Address + 8000, 8));
        Assert.Empty(none); // the second page came with the first fault (read-ahead)
    }

    [Fact]
    public async Task PageIn_ReadAheadCappedAtOneFrame()
    {
        var f = await MmFixture.StartAsync(maxMessage: 4096 + 64);
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadOnly);
        var m = await f.User.MmapAsync(0, 8192, Prot.Read, MapFlags.Shared, fd, 0);
        var (_, first) = await f.Traced(() => f.User.LoadAsync(m.Address, 4));
        var (_, second) = await f.Traced(() => f.User.LoadAsync(m.Address + 4096, 4));
        Assert.Single(first);
        Assert.Single(second);
    }

    [Fact]
    public async Task PageIn_LastPartialPage_RestReadsZero_PageWhollyPastEnd_IsSigbusWithoutMessage()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/notes.txt", OpenFlags.ReadWrite); // 1024 bytes
        var m = await f.User.MmapAsync(0, 8192, Prot.Read | Prot.Write, MapFlags.Shared, fd, 0);
        Assert.True(m.Ok, m.ToString());
        Assert.Equal((ulong)'G', (await f.User.LoadAsync(m.Address, 1)).Value);
        Assert.Equal(0ul, (await f.User.LoadAsync(m.Address + 2000, 8)).Value);
        var (bus, messages) = await f.Traced(() => f.User.LoadAsync(m.Address + 4096, 4));
        Assert.Equal(Signal.Bus, bus.Signal);
        Assert.Empty(messages);
        Assert.Equal(Signal.Bus, (await f.User.StoreAsync(m.Address + 4096, 4, 1)).Signal);
    }

    [Fact]
    public async Task PageIn_ShortRead_ContinuedWithXtypeOffsetReads()
    {
        var f = await MmFixture.StartAsync();
        var halving = new HalvingReads(f.Trace);
        var mm = new MemoryManager(halving);
        var p = await mm.SpawnAsync(9, Gateway.Protocol.Desktop.QnxRequests.Cred(100, 100));
        var fd = (int)(await p.OpenAsync("data/app", OpenFlags.ReadOnly)).Value;
        var m = await p.MmapAsync(0, 8192, Prot.Read, MapFlags.Shared, fd, 0);
        int mark = f.Trace.Count;
        var bytes = await p.LoadBytesAsync(m.Address, 8192);
        Assert.Equal(f.Attr("/data/app").Data, bytes.Bytes);
        var kinds = f.Trace.Since(mark).Select(x => x.Kind).ToArray();
        Assert.Equal("_IO_LSEEK+_IO_READ", kinds[0]);
        Assert.All(kinds.Skip(1), k => Assert.Equal("_IO_READ", k));
        Assert.True(kinds.Length > 1);
    }

    [Fact]
    public async Task ForceInvalidate_EveryAccessGoesToTheBoardAtItsWidth_NeverAPageWrite()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.Root, "dev/gpio/bank0", OpenFlags.ReadWrite);
        var m = await f.Root.MmapAsync(0, 4096, Prot.Read | Prot.Write, MapFlags.Shared, fd, 0);
        var (s, stores) = await f.Traced(() => f.Root.StoreAsync(m.Address + GpioBankRegion.Output, 4, 0xA5));
        Assert.True(s.Ok);
        Assert.Equal(new[] { "_IO_WRITE" }, stores);
        Assert.Equal(4 + 24, f.Trace.Since(0).Last().Reply.Value + 24); // a 4-byte write
        var (l, loads) = await f.Traced(() => f.Root.LoadAsync(m.Address + GpioBankRegion.Output, 4));
        Assert.Equal(0xA5ul, l.Value);
        Assert.Equal(new[] { "_IO_READ" }, loads);
        var (_, again) = await f.Traced(() => f.Root.LoadAsync(m.Address + GpioBankRegion.Output, 4));
        Assert.Single(again); // never cached
        var (_, sync) = await f.Traced(() => f.Root.MsyncAsync(m.Address, 4096, MapFlags.MsAsync));
        Assert.Empty(sync); // nothing to write back
    }

    [Fact]
    public async Task ForceInvalidate_TwoByteRegisterAccess_IsSigbusCarryingEinval()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.Root, "dev/gpio/bank0", OpenFlags.ReadWrite);
        var m = await f.Root.MmapAsync(0, 4096, Prot.Read | Prot.Write, MapFlags.Shared, fd, 0);
        var r = await f.Root.LoadAsync(m.Address + 4, 2);
        Assert.Equal(Signal.Bus, r.Signal);
        Assert.Equal(Errno.EINVAL, r.Errno);
    }

    [Fact]
    public async Task SharedObject_UncachedAndWrittenThrough_MappingsShareOneIdentity()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "dev/shmem/scratch", OpenFlags.ReadWrite);
        var a = await f.User.MmapAsync(0, 8192, Prot.Read | Prot.Write, MapFlags.Shared, fd, 0);
        var b = await f.User.MmapAsync(0, 4096, Prot.Read | Prot.Write, MapFlags.Shared, fd, 4096);
        Assert.Equal(a.ReturnedCoid, b.ReturnedCoid);
        Assert.Equal(1, a.ReplyExt!.Base.Fd);
        Assert.Equal(4096ul, b.ReplyExt!.Base.Offset);
        var (_, msgs) = await f.Traced(() => f.User.StoreAsync(b.Address + 16, 8, 0x0102030405060708));
        Assert.Equal(new[] { "_IO_WRITE" }, msgs);
        Assert.Equal(0x0102030405060708ul, BitConverter.ToUInt64(f.Attr("/dev/shmem/scratch").Data, 4096 + 16));
        Assert.Equal(0x0102030405060708ul, (await f.User.LoadAsync(a.Address + 4096 + 16, 8)).Value);
    }

    [Fact]
    public async Task ReadFromCache_PagesStayAfterLastMunmap_ReusedWhileSizeAndMtimeHold()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "fw/bin/blink", OpenFlags.ReadOnly);
        var m = await f.User.MmapAsync(0, 4096, Prot.Read | Prot.Exec, MapFlags.Private, fd, 0);
        Assert.True(m.Ok, m.ToString());
        await f.User.LoadAsync(m.Address, 4);
        Assert.True((await f.User.MunmapAsync(m.Address, 4096)).Ok);
        Assert.Empty(f.Mm.OpenObjects);
        var again = await f.User.MmapAsync(0, 4096, Prot.Read, MapFlags.Private, fd, 0);
        var (v, messages) = await f.Traced(() => f.User.LoadAsync(again.Address, 4));
        Assert.Empty(messages);
        Assert.Equal(0x464C457Ful, v.Value); // "\x7fELF"
    }

    [Fact]
    public async Task Default_PagesCachedForTheObjectsLife_ReusedDuringLinger_DroppedAfterClose()
    {
        var f = await MmFixture.StartAsync(linger: TimeSpan.FromSeconds(10));
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadOnly);
        var m = await f.User.MmapAsync(0, 4096, Prot.Read, MapFlags.Shared, fd, 0);
        await f.User.LoadAsync(m.Address, 4);
        var (_, unmap) = await f.Traced(() => f.User.MunmapAsync(m.Address, 4096));
        Assert.Empty(unmap); // lingering
        var during = await f.User.MmapAsync(0, 4096, Prot.Read, MapFlags.Shared, fd, 0);
        var (_, reuse) = await f.Traced(() => f.User.LoadAsync(during.Address, 4));
        Assert.Empty(reuse);
        await f.User.MunmapAsync(during.Address, 4096);
        f.Time.Now += TimeSpan.FromSeconds(11);
        var (_, expire) = await f.Traced(async () => { await f.Mm.ExpireLingersAsync(); return 0; });
        Assert.Equal(new[] { "_IO_CLOSE" }, expire);
        Assert.Equal(0, f.Attr("/data/app").MappingOcbs);
        var after = await f.User.MmapAsync(0, 4096, Prot.Read, MapFlags.Shared, fd, 0);
        var (_, fresh) = await f.Traced(() => f.User.LoadAsync(after.Address, 4));
        Assert.Equal(new[] { "_IO_LSEEK+_IO_READ" }, fresh);
    }

    [Fact]
    public async Task Faults_Unmapped_ProtNone_StoreWithoutWrite_AreSigsegvWithoutMessage()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadOnly);
        var ro = await f.User.MmapAsync(0, 4096, Prot.Read, MapFlags.Shared, fd, 0);
        var none = await f.User.MmapAsync(0, 4096, Prot.None, MapFlags.Shared, fd, 0);
        var (a, m1) = await f.Traced(() => f.User.LoadAsync(0x10, 4));
        var (b, m2) = await f.Traced(() => f.User.StoreAsync(ro.Address, 4, 1));
        var (c, m3) = await f.Traced(() => f.User.LoadAsync(none.Address, 4));
        Assert.All(new[] { a, b, c }, x => Assert.Equal(Signal.Segv, x.Signal));
        Assert.Empty(m1.Concat(m2).Concat(m3));
    }

    [Fact]
    public async Task WriteImpliesRead()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadWrite);
        var m = await f.User.MmapAsync(0, 4096, Prot.Write, MapFlags.Shared, fd, 0);
        Assert.True(m.Ok, m.ToString());
        Assert.True((await f.User.LoadAsync(m.Address, 4)).Ok);
    }

    [Fact]
    public async Task SharedStore_MakesPageDirty_MsAsyncWritesBackClippedToSize_MsSyncAddsOneSync()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/notes.txt", OpenFlags.ReadWrite);
        var m = await f.User.MmapAsync(0, 4096, Prot.Read | Prot.Write, MapFlags.Shared, fd, 0);
        var (_, store) = await f.Traced(() => f.User.StoreAsync(m.Address + 10, 1, (ulong)'X'));
        Assert.Equal(new[] { "_IO_LSEEK+_IO_READ" }, store); // loaded before the store
        Assert.NotEqual((byte)'X', f.Attr("/data/notes.txt").Data[10]);
        var (_, wb) = await f.Traced(() => f.User.MsyncAsync(m.Address + 10, 1, MapFlags.MsAsync));
        Assert.Equal(new[] { "_IO_WRITE" }, wb);
        Assert.Equal((byte)'X', f.Attr("/data/notes.txt").Data[10]);
        Assert.Equal(1024, f.Attr("/data/notes.txt").Size); // clipped to st_size: the file did not grow
        var (_, sync) = await f.Traced(() => f.User.MsyncAsync(m.Address, 4096, MapFlags.MsSync));
        Assert.Equal(new[] { "_IO_SYNC" }, sync); // nothing dirty, but one _IO_SYNC per object
    }

    [Fact]
    public async Task WriteBack_MergesAdjacentDirtyPages_OneWrite()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadWrite);
        var m = await f.User.MmapAsync(0, 8192, Prot.Read | Prot.Write, MapFlags.Shared, fd, 0);
        await f.User.StoreAsync(m.Address, 4, 1);
        await f.User.StoreAsync(m.Address + 4096, 4, 2);
        var (_, wb) = await f.Traced(() => f.User.MsyncAsync(m.Address, 8192, MapFlags.MsAsync));
        Assert.Equal(new[] { "_IO_WRITE" }, wb);
        Assert.Equal(8192, f.Trace.Since(0).Last().Reply.Value);
    }

    [Fact]
    public async Task WriteBack_ShortWrite_IsEnospc()
    {
        var f = await MmFixture.StartAsync(quirks: true);
        int fd = await f.OpenAsync(f.Root, "quirks/shortwrite", OpenFlags.ReadWrite);
        var m = await f.Root.MmapAsync(0, 4096, Prot.Read | Prot.Write, MapFlags.Shared, fd, 0);
        await f.Root.StoreAsync(m.Address, 4, 7);
        Assert.Equal(Errno.ENOSPC, (await f.Root.MsyncAsync(m.Address, 4096, MapFlags.MsAsync)).Errno);
    }

    [Theory]
    [InlineData(MapFlags.MsSync | MapFlags.MsAsync)]
    [InlineData(8u)]
    [InlineData(0x100u)]
    public async Task Msync_BadFlags_IsEinval(uint flags)
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadWrite);
        var m = await f.User.MmapAsync(0, 4096, Prot.Read, MapFlags.Shared, fd, 0);
        Assert.Equal(Errno.EINVAL, (await f.User.MsyncAsync(m.Address, 4096, flags)).Errno);
    }

    [Fact]
    public async Task Msync_RangeWithUnmappedPages_IsEnomem_AddressRoundedDown()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadWrite);
        var m = await f.User.MmapAsync(0, 4096, Prot.Read, MapFlags.Shared, fd, 0);
        Assert.Equal(Errno.ENOMEM, (await f.User.MsyncAsync(m.Address, 8192, MapFlags.MsAsync)).Errno);
        Assert.True((await f.User.MsyncAsync(m.Address + 100, 10, MapFlags.MsAsync)).Ok);
    }

    [Fact]
    public async Task MsInvalidate_DropsPages_AfterWritingBackDirtyOnes()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadWrite);
        var m = await f.User.MmapAsync(0, 4096, Prot.Read | Prot.Write, MapFlags.Shared, fd, 0);
        await f.User.StoreAsync(m.Address, 4, 0x11223344);
        var (_, inval) = await f.Traced(() => f.User.MsyncAsync(m.Address, 4096, MapFlags.MsInvalidate));
        Assert.Equal(new[] { "_IO_WRITE" }, inval);
        f.Attr("/data/app").Data[0] = 0x99; // the board's copy changes behind the cache
        var (v, msgs) = await f.Traced(() => f.User.LoadAsync(m.Address, 1));
        Assert.Equal(new[] { "_IO_LSEEK+_IO_READ" }, msgs);
        Assert.Equal(0x99ul, v.Value);
    }

    [Fact]
    public async Task NoSyncFile_NeverWrittenBack_MunmapDropsDirtyPages()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadWrite);
        var m = await f.User.MmapAsync(0, 4096, Prot.Read | Prot.Write, MapFlags.Shared | MapFlags.NoSyncFile, fd, 0);
        byte before = f.Attr("/data/app").Data[0];
        await f.User.StoreAsync(m.Address, 1, (ulong)(byte)(before + 1));
        var (_, sync) = await f.Traced(() => f.User.MsyncAsync(m.Address, 4096, MapFlags.MsSync));
        Assert.Empty(sync);
        var (_, unmap) = await f.Traced(() => f.User.MunmapAsync(m.Address, 4096));
        Assert.Equal(new[] { "_IO_CLOSE" }, unmap);
        Assert.Equal(before, f.Attr("/data/app").Data[0]);
    }

    [Fact]
    public async Task PrivateStore_IsCopyOnWrite_NeverReachesTheBoard_UnstoredPagesShowSharedContents()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadWrite);
        var shared = await f.User.MmapAsync(0, 8192, Prot.Read | Prot.Write, MapFlags.Shared, fd, 0);
        var priv = await f.User.MmapAsync(0, 8192, Prot.Read | Prot.Write, MapFlags.Private, fd, 0);
        await f.User.StoreAsync(priv.Address, 4, 0xCAFEBABE);
        Assert.NotEqual(0xCAFEBABEu, BitConverter.ToUInt32(f.Attr("/data/app").Data, 0));
        Assert.NotEqual(0xCAFEBABEul, (await f.User.LoadAsync(shared.Address, 4)).Value);
        await f.User.StoreAsync(shared.Address + 4096, 4, 0x5555);
        Assert.Equal(0x5555ul, (await f.User.LoadAsync(priv.Address + 4096, 4)).Value); // never stored: shares the cache
        var (_, msgs) = await f.Traced(() => f.User.MunmapAsync(priv.Address, 8192));
        Assert.Empty(msgs);
        Assert.NotEqual(0xCAFEBABEu, BitConverter.ToUInt32(f.Attr("/data/app").Data, 0));
    }

    /// <summary>A board channel that answers every read with half the bytes (a board that reads short).</summary>
    private sealed class HalvingReads(IBoardChannel inner) : IBoardChannel
    {
        public int MaxMessageSize => inner.MaxMessageSize;

        public async Task<BoardReply> SendAsync(int pid, int coid, ReadOnlyMemory<byte> message, CancellationToken ct = default)
        {
            var r = await inner.SendAsync(pid, coid, message, ct);
            var types = TracingChannel.PartTypes(message.Span);
            if (!r.IsError && types[^1] == "_IO_READ" && r.Body.Length > 1)
            {
                int n = r.Body.Length / 2;
                return new BoardReply(false, n, r.Body[..n]);
            }

            return r;
        }

        public Task<int> DeclareProcessAsync(int pid, Gateway.Protocol.Messages.CredInfo cred, bool is64Bit, CancellationToken ct = default) =>
            inner.DeclareProcessAsync(pid, cred, is64Bit, ct);
    }
}
