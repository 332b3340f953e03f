using Gateway.Protocol.Qnx;
using Gateway.InProcess.Fuzz;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Devices.Tests;

/// <summary>
/// Inputs the fuzz driver found (hardware-docs/performance.md, "Fuzzing"), kept as they were found, as commented hex.
/// Each one made a handler throw; the resource manager's last-resort catch answered EIO.
/// </summary>
public sealed class FuzzRegressionTests
{
    private readonly DeviceHarness h = new();

    /// <summary>
    /// Seed 7, input 4170736 (sender pid 11, fd 11 = /data/notes.txt O_RDWR): a pwrite whose offset is near 2^63.
    /// <c>offset + nbytes</c> wrapped to a negative end, the byte count came out positive, and the copy ran at
    /// <c>(int)offset</c> = −2 (ArgumentOutOfRangeException in WriteDefault).
    /// </summary>
    private static readonly byte[] WriteNear2Pow63 = Hex.Parse(@"
        02 01 18 00  10 00 00 00  05 00 00 00  00 08 00 00   // _IO_WRITE, combine_len 24, nbytes 16, xtype OFFSET, zero 0x800
        fe ff ff ff  ff ff ff 7f                             // offset 0x7FFFFFFFFFFFFFFE
        00 00 00 00  00 00 00 00  00 00 00 00  00 00 00 00   // 21 data bytes (16 written)
        00 00 00 00  00");

    /// <summary>
    /// Seed 7, input 5453423 (sender pid 2, coid 0x17): an open of /data/grpexec with COMBINE_CLOSE whose attached
    /// message is <c>_IO_CLOSE</c> then <c>_IO_READ</c>. The close released the new OCB and the read then ran on the
    /// released slot (NullReferenceException in RunIo).
    /// </summary>
    private static readonly byte[] OpenCloseThenRead = Hex.Parse(@"
        00 01 01 00  00 00 00 00  00 00 00 00  00 00 00 00   // _IO_CONNECT, subtype COMBINE_CLOSE
        00 00 00 00  01 00 00 00  00 00 00 00  00 00 01 00   // ioflag RD, mode 0, sflag 0, access RD
        00 00 0d 00  00 00 20 00                             // dirfd 0, path_len 13, eflag 0, extra_type 0, extra_len 32
        64 61 74 61  2f 67 72 70  65 78 65 63  00 00 00 00   // ""data/grpexec"" NUL, padding to 8
        16 01 04 80                                          // attached part 1: _IO_CLOSE, combine_len 4 | COMBINE_FLAG
        01 01 10 00  04 00 00 00  00 00 00 00  00 00 00 00   // attached part 2: _IO_READ 4 bytes (last part: spans the rest)
        09 01 10 80  00 00 00 00  00 00 00 00  00 01 01 10   // (the rest of the attached 32 bytes, then trailing bytes)
        00 00 10 00  00 00 00 00  00 00 00 00  00");

    /// <summary>
    /// Seed 7, input 44227 (sender pid 11, fd 13 = /data/sticky O_RDWR), found once the dispatcher's "a refusal
    /// changes nothing" oracle also hashed RAM capacity: a 4-byte pwrite at an offset (≈ 2^63 − 2^55) no file can
    /// reach was refused with ENOSPC, but only after the file had grown to the whole /data RAM budget, so every
    /// other file of the mount got ENOSPC from then on.
    /// </summary>
    private static readonly byte[] WriteOutOfReach = Hex.Parse(@"
        02 01 18 00  04 00 00 00  05 fe 00 00  00 00 00 ff   // _IO_WRITE, combine_len 24, nbytes 4, xtype 0xFE05 (OFFSET), zero 0xFF000000
        7f 00 00 00  ff ff ff 7f                             // offset 0x7FFFFFFF0000007F
        00 00 00 00                                          // 4 data bytes");

    [Fact]
    public void WriteDefault_OffsetOutOfReach_RefusedWithoutTakingTheRamBudget()
    {
        h.Open(13, "data/sticky", OpenFlags.ReadWrite);
        var sticky = h.Board.Rm.Namespace.Find("/data/sticky")!;
        int capacity = sticky.Data.Length;
        int used = sticky.Mount.RamUsed;

        var r = h.Send(2, 13, WriteOutOfReach);

        Assert.True(r.IsError, r.ToString());
        Assert.Equal(Errno.Name(Errno.ENOSPC), Errno.Name(r.Value));
        Assert.Equal(capacity, sticky.Data.Length);
        Assert.Equal(used, sticky.Mount.RamUsed);
        h.Open(14, "data/app", OpenFlags.ReadWrite);
        var grow = h.Send(2, 14, Write(new byte[64], 8192));
        Assert.False(grow.IsError, grow.ToString());
        Assert.Equal(64, grow.Value);
    }

    [Fact]
    public void WriteDefault_OffsetNear2Pow63OnGrowableFile_AnswersEnospcAndWritesNothing()
    {
        h.Open(11, "data/notes.txt", OpenFlags.ReadWrite);
        var notes = h.Board.Rm.Namespace.Find("/data/notes.txt")!;
        long size = notes.Size;

        var r = h.Send(2, 11, WriteNear2Pow63);

        Assert.True(r.IsError, r.ToString());
        Assert.Equal(Errno.Name(Errno.ENOSPC), Errno.Name(r.Value));
        Assert.Equal(size, notes.Size);
    }

    [Fact]
    public void WriteDefault_OffsetNear2Pow63OnFixedSizeRegion_WritesZeroBytes()
    {
        h.Open(11, "dev/removable0", OpenFlags.ReadWrite);

        var r = h.Send(2, 11, WriteNear2Pow63);

        Assert.False(r.IsError, r.ToString());
        Assert.Equal(0, r.Value);
    }

    [Fact]
    public void WriteDefault_OffsetMaxInt64_WritesNothing()
    {
        h.Open(11, "data/app", OpenFlags.ReadWrite);

        var r = h.Send(2, 11, Write(new byte[] { 1, 2, 3, 4 }, long.MaxValue));

        Assert.True(r.IsError, r.ToString());
        Assert.Equal(Errno.Name(Errno.ENOSPC), Errno.Name(r.Value));
    }

    [Fact]
    public void OpenCombineClose_AttachedCloseThenRead_ReadAnswersEbadfAndNothingStaysOpen()
    {
        var r = h.Send(2, 0x17, OpenCloseThenRead);

        Assert.True(r.IsError, r.ToString());
        Assert.Equal(Errno.Name(Errno.EBADF), Errno.Name(r.Value));
        var grpexec = h.Board.Rm.Namespace.Find("/data/grpexec")!;
        Assert.Equal(0, grpexec.OpenCount);
        Assert.Equal(0, grpexec.ReadCount);
        Assert.Equal(0, h.Board.Rm.Ocbs.CountInUse());
    }

    [Fact]
    public void OpenCombine_AttachedCloseThenMmap_MmapNeverRunsOnTheReleasedSlot()
    {
        h.Open(3, "data/app", OpenFlags.ReadWrite);
        var attached = Concat(FuzzCorpus.Flagged(Close()), Mmap(2, 3, Prot.Read, Prot.Read, 0, 4096));

        var r = h.Send(1, 0x40000000, Connect("data/app", OpenFlags.ReadOnly, ConnectSubtype.Combine, extra: attached));

        Assert.True(r.IsError, r.ToString());
        Assert.Equal(Errno.Name(Errno.EBADF), Errno.Name(r.Value));
        var app = h.Board.Rm.Namespace.Find("/data/app")!;
        Assert.Equal(1, app.OpenCount);
        Assert.Equal(0, app.MappingOcbs);
        Assert.Equal(1, h.Board.Rm.Ocbs.CountInUse());
    }
}
