using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;
using Gateway.InProcess;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.ResourceManager.Tests;

/// <summary>behaviour.md §0 (identities), RM-0 (message handling) and §5's order of the first checks.</summary>
public sealed class MessageValidationTests
{
    private readonly RmHarness h = new RmHarness().WithProcesses();

    [Fact]
    public void Request_FromUndeclaredPid_IsEpermWithoutEffect()
    {
        h.AssertRefusedWithoutEffect(Errno.EPERM, () => h.Open(7, 3, "data/app", OpenFlags.ReadOnly));
    }

    [Fact]
    public void Request_FromPidDeclaredInAnotherSession_IsEperm()
    {
        Assert.Equal(Errno.EOK, h.Declare(1, 9, Cred(0, 0)));
        Assert.Equal(Errno.EPERM, h.Send(0, 9, 3, Connect("data/app", OpenFlags.ReadOnly)).Errno);
    }

    [Fact]
    public void Declare_PidAlreadyLiveInSession_IsEbusy()
    {
        Assert.Equal(Errno.EBUSY, h.Declare(0, 2, Cred(5, 5)));
    }

    [Fact]
    public void Declare_SamePidInOtherSession_Succeeds()
    {
        Assert.Equal(Errno.EOK, h.Declare(1, 2, Cred(5, 5)));
    }

    [Fact]
    public void Declare_TableFull_IsEnomem()
    {
        var cfg = new RmConfig { MaxProcessesPerSession = 2 };
        var small = new RmHarness(cfg).WithProcesses();
        Assert.Equal(Errno.ENOMEM, small.Declare(0, 3, Cred(1, 1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void Message_ShorterThanHeader_IsEbadmsg(int length)
    {
        h.AssertRefusedWithoutEffect(Errno.EBADMSG, () => h.Send(0, 2, 3, new byte[] { 0x01, 0x01, 0x10, 0x00 }, 0, length));
    }

    [Fact]
    public void Read_CombineLenSmallerThanHeader_IsEbadmsg()
    {
        var m = Read(16);
        LittleEndian.WriteU16(m, 2, 15);
        Assert.Equal(Errno.EBADMSG, h.Send(0, 2, 3, m).Errno);
    }

    [Fact]
    public void Read_CombineLenLargerThanBytesLeft_IsEbadmsg()
    {
        var m = Read(16);
        LittleEndian.WriteU16(m, 2, 17);
        Assert.Equal(Errno.EBADMSG, h.Send(0, 2, 3, m).Errno);
    }

    [Fact]
    public void Read_WithXtypeOffset_CombineLen16_IsEbadmsg()
    {
        // RM-0: a read with _IO_XTYPE_OFFSET counts the 8-byte offset in its combine_len (24).
        var m = Read(16, offset: 0);
        LittleEndian.WriteU16(m, 2, 16);
        Assert.Equal(Errno.EBADMSG, h.Send(0, 2, 3, m).Errno);
    }

    [Fact]
    public void Combine_LastPartStillFlagged_IsEbadmsgAndNothingRuns()
    {
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        var m = Concat(Lseek(100, Whence.Set, IoMessageType.CombineFlag), Read(16, combineFlag: IoMessageType.CombineFlag));
        h.AssertRefusedWithoutEffect(Errno.EBADMSG, () => h.Send(0, 2, 3, m));
        Assert.Equal(0, h.Rm.Ocbs.Find(0, 2, 3).Offset);
    }

    [Fact]
    public void Combine_SecondPartMalformed_FirstPartDoesNotRun()
    {
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        var bad = Read(16);
        LittleEndian.WriteU16(bad, 2, 8);
        var m = Concat(Lseek(100, Whence.Set, IoMessageType.CombineFlag), bad);
        Assert.Equal(Errno.EBADMSG, h.Send(0, 2, 3, m).Errno);
        Assert.Equal(0, h.Rm.Ocbs.Find(0, 2, 3).Offset);
    }

    [Fact]
    public void Combine_LseekThenRead_ReplyIsTheReadsReply()
    {
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        var r = h.Send(0, 2, 3, Concat(Lseek(4096, Whence.Set, IoMessageType.CombineFlag), Read(8)));
        Assert.False(r.IsError);
        Assert.Equal(8, r.Value);
        Assert.Equal(h.Attr("/data/app").Data[4096..4104], r.Body);
    }

    [Fact]
    public void Combine_FailingPart_KeepsEarlierEffectsAndEndsWithItsErrno()
    {
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        // lseek to 100 runs, then the write fails (no WR) with EBADF; the lseek's effect stays (as in QNX).
        var m = Concat(Lseek(100, Whence.Set, IoMessageType.CombineFlag), Write(new byte[] { 1, 2 }));
        Assert.Equal(Errno.EBADF, h.Send(0, 2, 3, m).Errno);
        Assert.Equal(100, h.Rm.Ocbs.Find(0, 2, 3).Offset);
    }

    [Fact]
    public void UnknownMessageType_IsEnosys()
    {
        var m = new byte[] { 0x13, 0x01, 0x04, 0x00 }; // _IO_MSG, combine_len 4
        Assert.Equal(Errno.ENOSYS, h.Send(0, 2, 3, m).Errno);
    }

    [Fact]
    public void Read_UnsupportedXtype_IsEnosysBeforeEbadf()
    {
        var m = Read(16);
        LittleEndian.WriteU32(m, 8, XType.ReadCond);
        Assert.Equal(Errno.ENOSYS, h.Send(0, 2, 99, m).Errno);
    }

    [Theory]
    [InlineData(ConnectSubtype.Unlink)]
    [InlineData(ConnectSubtype.Rename)]
    [InlineData(ConnectSubtype.Mknod)]
    [InlineData(ConnectSubtype.Readlink)]
    [InlineData(ConnectSubtype.Link)]
    [InlineData(ConnectSubtype.Mount)]
    public void Connect_SubtypeOtherThanOpenOrCombine_IsEnosys(ushort subtype)
    {
        h.AssertRefusedWithoutEffect(Errno.ENOSYS, () => h.Send(0, 2, 3, Connect("data/app", OpenFlags.ReadOnly, subtype)));
    }

    [Fact]
    public void Connect_PathNotNulTerminated_IsEbadmsg()
    {
        var m = Connect("data/app", OpenFlags.ReadOnly);
        m[^1] = (byte)'x';
        Assert.Equal(Errno.EBADMSG, h.Send(0, 2, 3, m).Errno);
    }

    [Fact]
    public void Connect_AttachedMessageMalformed_IsEbadmsgAndNoOpen()
    {
        var stat = StatRequest(0);
        LittleEndian.WriteU16(stat, 2, 4);
        h.AssertRefusedWithoutEffect(Errno.EBADMSG, () => h.Send(0, 2, 3, Connect("data/app", OpenFlags.ReadOnly, ConnectSubtype.CombineClose, extra: stat)));
    }

    [Fact]
    public void Mmap_MalformedFromClient_IsEbadmsg_WellFormedIsEnosys()
    {
        // §5: RM-0 before RM-6.
        var m = Mmap(2, 3, Prot.Read, Prot.Read, 0, 4096);
        Assert.Equal(Errno.ENOSYS, h.Send(0, 2, 3, m).Errno);
        Assert.Equal(Errno.EBADMSG, h.Send(0, 2, 3, m, 0, 87).Errno);
    }

    [Fact]
    public void Io_OnUnboundCoid_IsEbadf()
    {
        foreach (var m in new[] { Read(4), Write(new byte[] { 1 }), Lseek(0, Whence.Set), StatRequest(0), Devctl(1), Sync(), Close() })
        {
            h.AssertRefusedWithoutEffect(Errno.EBADF, () => h.Send(0, 2, 42, m));
        }
    }

    [Fact]
    public void Handle_ArbitraryBytes_NeverThrowsAndAnswers()
    {
        var rng = new System.Random(1234);
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadWrite).IsError);
        for (int i = 0; i < 5000; i++)
        {
            var m = new byte[rng.Next(0, 200)];
            rng.NextBytes(m);
            if (m.Length >= 2 && rng.Next(2) == 0)
            {
                ushort[] types = { 0x100, 0x101, 0x102, 0x104, 0x106, 0x109, 0x112, 0x116, 0x119 };
                LittleEndian.WriteU16(m, 0, types[rng.Next(types.Length)]);
            }

            var r = h.Send(0, rng.Next(2) == 0 ? 1 : 2, rng.Next(2) == 0 ? 3 : 4, m);
            Assert.True(r.IsError || r.Value >= 0);
        }
    }
}
