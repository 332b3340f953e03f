using System;
using Gateway.Devices.Boards;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Devices.Tests;

/// <summary>
/// The read-only /fw images are produced on read, not kept (boards/esp32-devkitc, "Memory"): /fw/bin/blink,
/// /fw/bin/table.bin and /fw/map read through the resource manager give exactly the bytes of the stored images
/// they replace, at every offset and in pieces of any size (RM-2, READ_FROM_CACHE of RM-18), and /fw/map stays
/// the document of the board as built while /data changes (board-resources.md: written once when the board is built).
/// </summary>
public sealed class FwImagesOnReadTests
{
    private static readonly int[] Pieces = { 1, 3, 4, 5, 511, 512, 513, 1000, 4096, 65536 };

    /// <summary>Reads the whole file in pieces of <paramref name="piece"/> bytes with explicit offsets (_IO_XTYPE_OFFSET).</summary>
    private static byte[] ReadAll(DeviceHarness h, int fd, int piece, long size)
    {
        var all = new byte[size];
        long at = 0;
        while (true)
        {
            var r = h.Send(2, fd, Read((uint)piece, at));
            Assert.False(r.IsError, r.ToString());
            if (r.Value == 0)
            {
                break;
            }

            Assert.True(at + r.Value <= size, $"read past the end at {at}");
            Array.Copy(r.Body, 0, all, at, r.Value);
            at += r.Value;
        }

        Assert.Equal(size, at);
        return all;
    }

    [Fact]
    public void FwBinBlink_ReadInPiecesOfAnySize_IsTheImageByteForByte()
    {
        var h = new DeviceHarness();
        h.Open(3, "fw/bin/blink", OpenFlags.ReadOnly);
        byte[] image = FirmwareImages.Blink();

        foreach (int piece in Pieces)
        {
            Assert.Equal(image, ReadAll(h, 3, piece, image.Length));
        }
    }

    [Fact]
    public void FwBinTable_ReadInPiecesOfAnySize_IsTheCrcTableByteForByte()
    {
        var h = new DeviceHarness();
        h.Open(3, "fw/bin/table.bin", OpenFlags.ReadOnly);
        byte[] image = FirmwareImages.Table();

        foreach (int piece in Pieces)
        {
            Assert.Equal(image, ReadAll(h, 3, piece, image.Length));
        }

        // Word i is the CRC-32 table entry of i mod 256: entry 1 is the reflected polynomial's 0x77073096.
        Assert.Equal(0x77073096u, BitConverter.ToUInt32(image, 4));
        Assert.Equal(Crc32.CheckValue, Crc32.Compute("123456789"u8.ToArray(), 0, 9));
    }

    [Fact]
    public void PatternContent_EveryWindowOfTheFirstStrides_MatchesThePattern()
    {
        const int size = 3 * PatternContent.Stride + 7;
        byte[] pattern = FirmwareImages.Pattern(size, 0x12345678);
        var content = new PatternContent(size, 0x12345678, false);
        var target = new byte[size + 2];

        for (int offset = 0; offset < size; offset += 37)
        {
            for (int count = 0; offset + count <= size; count += 211)
            {
                content.CopyTo(offset, target, 1, count);
                Assert.Equal(pattern.AsSpan(offset, count).ToArray(), target.AsSpan(1, count).ToArray());
            }
        }
    }

    [Fact]
    public void FwMap_ReadInPiecesOfAnySize_IsTheWholeDocument()
    {
        var h = new DeviceHarness(quirks: true);
        h.Open(3, "fw/map", OpenFlags.ReadOnly);
        byte[] document = h.Board.Devices.Map.ToArray();

        Assert.Equal(document.Length, h.Board.Devices.MapAttr.Size);
        foreach (int piece in Pieces)
        {
            Assert.Equal(document, ReadAll(h, 3, piece, document.Length));
        }
    }

    [Fact]
    public void FwMap_AfterDataGrowsAndAFileIsCreated_ReadsTheSameBytesAsAtBuild()
    {
        var h = new DeviceHarness();
        h.Open(3, "fw/map", OpenFlags.ReadOnly);
        byte[] built = ReadAll(h, 3, 4096, h.Board.Devices.MapAttr.Size);

        h.Open(4, "data/app", OpenFlags.ReadWrite);
        Assert.Equal(100, h.Send(2, 4, Write(new byte[100], 8192)).Value);
        var created = h.Send(2, 5, Connect("data/created", OpenFlags.ReadWrite | OpenFlags.Creat, mode: 0x1A4));
        Assert.False(created.IsError, created.ToString());
        Assert.Equal(10, h.Send(2, 5, Write(new byte[10])).Value);
        Assert.Equal(8292, h.Board.Rm.Namespace.Find("/data/app").Size);

        Assert.Equal(built, ReadAll(h, 3, 4096, built.Length));
        Assert.Equal(built, ReadAll(h, 3, 7, built.Length));
    }

    [Fact]
    public void FwImages_ReadAgainAndAgain_AllocateNothing()
    {
        var h = new DeviceHarness();
        h.Open(3, "fw/map", OpenFlags.ReadOnly);
        h.Open(4, "fw/bin/blink", OpenFlags.ReadOnly);
        h.Open(5, "fw/bin/table.bin", OpenFlags.ReadOnly);
        var reply = new Reply(new byte[8192], 32, 4096);
        byte[] mapRead = Read(4096, 1000);
        byte[] blinkRead = Read(4096, 1000);
        byte[] tableRead = Read(4096, 3);

        void Send()
        {
            h.Board.Rm.Handle(0, 2, 3, mapRead, 0, mapRead.Length, reply);
            Assert.False(reply.IsError);
            h.Board.Rm.Handle(0, 2, 4, blinkRead, 0, blinkRead.Length, reply);
            h.Board.Rm.Handle(0, 2, 5, tableRead, 0, tableRead.Length, reply);
        }

        for (int i = 0; i < 16; i++)
        {
            Send();
        }

        long allocated = ThreadAllocations.Least(() =>
        {
            for (int i = 0; i < 200; i++)
            {
                Send();
            }
        });

        Assert.Equal(0L, allocated);
    }
}
