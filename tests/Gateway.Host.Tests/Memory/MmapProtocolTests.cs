using System;
using System.Linq;
using System.Threading.Tasks;
using Gateway.Host.Memory;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;

namespace Gateway.Host.Tests.Memory;

/// <summary>MM-2 … MM-6: the request, the old-server retry, allowed_prot, the stat, the object.</summary>
public sealed class MmapProtocolTests
{
    [Fact]
    public async Task Mmap_SendsOneRequestOnAFreshCoid_WithProtAndRequiredProtAsMm2()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadWrite);
        int coid = f.Mm.NextCoid;
        var (r, messages) = await f.Traced(() => f.User.MmapAsync(0, 8192, Prot.Read | Prot.NoCache, MapFlags.Shared, fd, 0));
        Assert.True(r.Ok, r.ToString());
        Assert.Equal(new[] { "_IO_MMAP" }, messages);
        var sent = f.Trace.Since(0).Last(m => m.Kind == "_IO_MMAP");
        Assert.Equal((1, coid), (sent.Pid, sent.Coid));
        Assert.Equal(Prot.Read | Prot.NoCache | Prot.Write, r.SentProt);   // prot | PROT_WRITE
        Assert.Equal(Prot.Read, r.SentRequiredProt);                      // | PROT_READ, no NOCACHE
        Assert.Equal(coid + 1, f.Mm.NextCoid);
        Assert.True(r.StatFromReply);
        Assert.Equal(8192, r.Stat!.Size);
    }

    [Fact]
    public async Task Mmap_SharedWritable_RequiresWrite_PrivateDoesNot()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadWrite);
        var shared = await f.User.MmapAsync(0, 4096, Prot.Read | Prot.Write, MapFlags.Shared, fd, 0);
        var priv = await f.User.MmapAsync(0, 4096, Prot.Read | Prot.Write, MapFlags.Private, fd, 0);
        Assert.Equal(Prot.Read | Prot.Write, shared.SentRequiredProt);
        Assert.Equal(Prot.Read, priv.SentRequiredProt);
    }

    [Fact]
    public async Task Mmap_InfoCarriesClientPidFdAndBits64()
    {
        var f = await MmFixture.StartAsync();
        var p32 = await f.Mm.SpawnAsync(7, Gateway.Protocol.Desktop.QnxRequests.Cred(0, 0), is64Bit: false);
        int fd = await f.OpenAsync(p32, "data/app", OpenFlags.ReadOnly);
        int mark = f.Trace.Count;
        var r = await p32.MmapAsync(0, 4096, Prot.Read, MapFlags.Shared, fd, 0);
        Assert.True(r.Ok);
        // Decode what went out through the trace's reply — the request itself is checked by the board; here the flags.
        var req = new IoMmapRequest();
        var bytes = Gateway.Protocol.Desktop.QnxRequests.Mmap(7, fd, r.SentProt, r.SentRequiredProt, 0, 4096, bits64: false);
        req.Decode(bytes, 0, bytes.Length);
        Assert.Equal(0, req.Info.Flags & MsgInfoFlags.Bits64);
        Assert.Single(f.Trace.Since(mark));
    }

    [Fact]
    public async Task Mmap_ErrorReply_IsTheErrnoUnchanged_Enosys()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.Root, "dev/ser1", OpenFlags.ReadWrite);
        var (r, messages) = await f.Traced(() => f.Root.MmapAsync(0, 4096, Prot.Read, MapFlags.Shared, fd, 0));
        Assert.Equal(Errno.ENOSYS, r.Errno);
        Assert.Equal(new[] { "_IO_MMAP" }, messages); // no retry for ENOSYS
    }

    [Fact]
    public async Task Mmap_LegacyServer_RetriedWithoutWrite_SharedBecomesReadOnlyForGood()
    {
        var f = await MmFixture.StartAsync(quirks: true);
        int fd = await f.OpenAsync(f.User, "quirks/legacy", OpenFlags.ReadOnly);
        var (r, messages) = await f.Traced(() => f.User.MmapAsync(0, 4096, Prot.Read, MapFlags.Shared, fd, 0));
        Assert.True(r.Ok, r.ToString());
        Assert.True(r.Retried);
        Assert.Equal(new[] { "_IO_MMAP", "_IO_MMAP", "_IO_STAT" }, messages);
        var sends = f.Trace.Since(0).Where(m => m.Kind == "_IO_MMAP").ToList();
        Assert.Equal(sends[^2].Coid, sends[^1].Coid); // the retry reuses the refused request's coid
        Assert.Equal(Prot.Read, r.AllowedProt);        // 24 bytes with allowed_prot 0: the prot it accepted
        Assert.Equal(Errno.EACCES, (await f.User.MprotectAsync(r.Address, 4096, Prot.Read | Prot.Write)).Errno);
    }

    [Fact]
    public async Task Mmap_NewServer_NeverNeedsTheRetry()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadOnly);
        var r = await f.User.MmapAsync(0, 4096, Prot.Read, MapFlags.Shared, fd, 0);
        Assert.True(r.Ok);
        Assert.False(r.Retried);
    }

    [Fact]
    public async Task Mmap_SharedWriteOnReadOnlyFd_NoRetry_Eacces()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadOnly);
        var (r, messages) = await f.Traced(() => f.User.MmapAsync(0, 4096, Prot.Read | Prot.Write, MapFlags.Shared, fd, 0));
        Assert.Equal(Errno.EACCES, r.Errno);
        Assert.Single(messages);
    }

    [Fact]
    public async Task Mmap_StingyServer_AllowedBelowRequired_IsEaccesAndNonConforming_CoidClosed()
    {
        var f = await MmFixture.StartAsync(quirks: true);
        int fd = await f.OpenAsync(f.Root, "quirks/stingy", OpenFlags.ReadWrite);
        var (r, messages) = await f.Traced(() => f.Root.MmapAsync(0, 4096, Prot.Read | Prot.Write, MapFlags.Shared, fd, 0));
        Assert.Equal(Errno.EACCES, r.Errno);
        Assert.NotNull(r.NonConformance);
        Assert.Equal(new[] { "_IO_MMAP", "_IO_CLOSE" }, messages);
        Assert.Equal(0, f.Attr("/quirks/stingy").MappingOcbs);
    }

    [Theory]
    [InlineData("quirks/noext")]
    [InlineData("quirks/badform")]
    public async Task Mmap_ExtendedReplyWithoutUsableStat_StatFetchedSeparately(string path)
    {
        var f = await MmFixture.StartAsync(quirks: true);
        int fd = await f.OpenAsync(f.Root, path, OpenFlags.ReadOnly);
        var (r, messages) = await f.Traced(() => f.Root.MmapAsync(0, 4096, Prot.Read, MapFlags.Shared, fd, 0));
        Assert.True(r.Ok, r.ToString());
        Assert.False(r.StatFromReply);
        Assert.Equal(new[] { "_IO_MMAP", "_IO_STAT" }, messages);
        Assert.Equal(4096, r.Stat!.Size);
        Assert.Equal(f.Attr("/" + path).Ino, r.Stat.Ino);
    }

    [Fact]
    public async Task Mmap_StatBodyOfOddSize_IsEbadmsg_AndCoidClosed()
    {
        var f = await MmFixture.StartAsync(quirks: true);
        int fd = await f.OpenAsync(f.Root, "quirks/badstat", OpenFlags.ReadOnly);
        var (r, messages) = await f.Traced(() => f.Root.MmapAsync(0, 4096, Prot.Read, MapFlags.Shared, fd, 0));
        Assert.Equal(Errno.EBADMSG, r.Errno);
        Assert.Equal(new[] { "_IO_MMAP", "_IO_STAT", "_IO_CLOSE" }, messages);
        Assert.Equal(0, f.Attr("/quirks/badstat").MappingOcbs);
    }

    [Fact]
    public async Task Mmap_Directory_IsEnotsup_AndCoidClosed()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data", OpenFlags.ReadOnly);
        var (r, messages) = await f.Traced(() => f.User.MmapAsync(0, 4096, Prot.Read, MapFlags.Shared, fd, 0));
        Assert.Equal(Errno.ENOTSUP, r.Errno);
        Assert.Equal(new[] { "_IO_MMAP", "_IO_STAT", "_IO_CLOSE" }, messages);
        Assert.Equal(0, f.Attr("/data").MappingOcbs);
    }

    [Fact]
    public async Task Mmap_SameFileTwice_OneObject_SecondCoidDropped()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadOnly);
        var a = await f.User.MmapAsync(0, 4096, Prot.Read, MapFlags.Shared, fd, 0);
        var b = await f.User.MmapAsync(0, 4096, Prot.Read, MapFlags.Shared, fd, 4096);
        Assert.Equal(a.ReturnedCoid, b.ReturnedCoid);
        Assert.NotEqual(b.RequestCoid, b.ReturnedCoid);
        Assert.Single(f.Mm.OpenObjects);
        // One page cache: a page read through one mapping is not read again through the other.
        await f.User.LoadAsync(a.Address, 4);
        long pages = f.Mm.PagesRead;
        var fd2 = await f.OpenAsync(f.User, "data/app", OpenFlags.ReadOnly);
        var c = await f.User.MmapAsync(0, 8192, Prot.Read, MapFlags.Shared, fd2, 0);
        var (_, messages) = await f.Traced(() => f.User.LoadAsync(c.Address, 4));
        Assert.Empty(messages);
        Assert.Equal(pages, f.Mm.PagesRead);
    }

    [Fact]
    public async Task Mmap_ForceInvalidatePrivate_IsEinval_CoidClosed()
    {
        var f = await MmFixture.StartAsync();
        int fd = await f.OpenAsync(f.Root, "dev/gpio/bank0", OpenFlags.ReadWrite);
        var (r, messages) = await f.Traced(() => f.Root.MmapAsync(0, 4096, Prot.Read, MapFlags.Private, fd, 0));
        Assert.Equal(Errno.EINVAL, r.Errno);
        Assert.Equal(new[] { "_IO_MMAP", "_IO_CLOSE" }, messages);
    }
}
