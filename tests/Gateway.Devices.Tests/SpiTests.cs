using System;
using System.Linq;
using Gateway.Devices.Hal;
using Gateway.Devices.Registers;
using Gateway.Protocol.Qnx;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Devices.Tests;

/// <summary>
/// /dev/spi0/ctl and /dev/spi0/buf end to end through the resource manager: the 25LC256 EEPROM model on
/// chip select 0 and the loopback on chip select 1 (board-resources.md, rules.md §5).
/// </summary>
public sealed class SpiTests
{
    private readonly DeviceHarness h = new();
    private const int Ctl = 3;
    private const int Buf = 4;

    public SpiTests()
    {
        h.Open(Ctl, "dev/spi0/ctl", OpenFlags.ReadWrite);
        h.Open(Buf, "dev/spi0/buf", OpenFlags.ReadWrite);
    }

    /// <summary>Stores TX, writes GO (the transfer runs before the write is answered), loads RX.</summary>
    private byte[] Transfer(int chipSelect, byte[] tx)
    {
        Assert.Equal(tx.Length, h.Send(2, Buf, Write(tx, SpiBuffer.TxOffset)).Value);
        h.WriteWord(Ctl, SpiControlRegion.Length, (uint)tx.Length);
        h.WriteWord(Ctl, SpiControlRegion.ChipSelect, (uint)chipSelect);
        h.WriteWord(Ctl, SpiControlRegion.Go, 1);
        Assert.Equal(1u, h.ReadWord(Ctl, SpiControlRegion.Done));
        Assert.Equal(0u, h.ReadWord(Ctl, SpiControlRegion.Error));
        Assert.Equal(0u, h.ReadWord(Ctl, SpiControlRegion.Busy));
        h.WriteWord(Ctl, SpiControlRegion.Done, 1);
        var rx = h.Send(2, Buf, Read((uint)tx.Length, SpiBuffer.RxOffset));
        Assert.Equal(tx.Length, rx.Value);
        return rx.Body;
    }

    [Fact]
    public void Loopback_RxEqualsTx()
    {
        var tx = Enumerable.Range(0, 300).Select(i => (byte)(i * 3)).ToArray();
        Assert.Equal(tx, Transfer(1, tx));
        Assert.Equal(1u, h.ReadWord(Ctl, SpiControlRegion.Count));
    }

    [Fact]
    public void Eeprom_WriteNeedsWren_ThenReadBack_WipClearsWithTheBoardClock()
    {
        // WRITE without WREN is ignored.
        Transfer(0, new byte[] { 0x02, 0x01, 0x00, 0xAA, 0xBB });
        var read = Transfer(0, new byte[] { 0x03, 0x01, 0x00, 0, 0 });
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF }, read[..3]); // MISO 0xFF while command and address go out
        Assert.Equal(new byte[] { 0xFF, 0xFF }, read[3..]);      // erased

        Transfer(0, new byte[] { 0x06 });                                         // WREN
        Assert.Equal(0x02, Transfer(0, new byte[] { 0x05, 0 })[1] & 0x03);         // WEL set, WIP clear
        Transfer(0, new byte[] { 0x02, 0x01, 0x00, 0xAA, 0xBB, 0xCC });           // WRITE 3 bytes at 0x0100
        Assert.Equal(0x01, Transfer(0, new byte[] { 0x05, 0 })[1] & 0x01);         // WIP set during the write cycle
        h.Clock.Advance(5);
        Assert.Equal(0x00, Transfer(0, new byte[] { 0x05, 0 })[1] & 0x03);         // done: WIP and WEL clear
        Assert.Equal(new byte[] { 0xAA, 0xBB, 0xCC }, Transfer(0, new byte[] { 0x03, 0x01, 0x00, 0, 0, 0 })[3..]);
    }

    [Fact]
    public void Eeprom_PageWrapsWithin64Bytes()
    {
        Transfer(0, new byte[] { 0x06 });
        // Write 4 bytes starting 2 bytes before the end of page 0x0040..0x007F: the last two wrap to 0x0040.
        Transfer(0, new byte[] { 0x02, 0x00, 0x7E, 1, 2, 3, 4 });
        h.Clock.Advance(10);
        var tail = Transfer(0, new byte[] { 0x03, 0x00, 0x7E, 0, 0 })[3..];
        var head = Transfer(0, new byte[] { 0x03, 0x00, 0x40, 0, 0 })[3..];
        Assert.Equal(new byte[] { 1, 2 }, tail);
        Assert.Equal(new byte[] { 3, 4 }, head);
    }

    [Fact]
    public void Go_RaisesDoneEvent_BadLengthSetsError()
    {
        var seen = new System.Collections.Generic.List<(int Source, int Code, int Value)>();
        h.Board.Devices.Events.Target = new Recorder(seen);
        Transfer(1, new byte[] { 1, 2, 3 });
        Assert.Equal((Events.EventSources.Spi0, Events.EventSources.CodeSpiDone, 3), seen.Last());
        h.WriteWord(Ctl, SpiControlRegion.Length, 5000);
        h.WriteWord(Ctl, SpiControlRegion.Go, 1);
        Assert.Equal((uint)Errno.EINVAL, h.ReadWord(Ctl, SpiControlRegion.Error));
        Assert.Equal((Events.EventSources.Spi0, Events.EventSources.CodeSpiError, Errno.EINVAL), seen.Last());
    }

    [Fact]
    public void Go_ChipSelectPastTheBus_ErrorIsTheHalResultAsENXIO()
    {
        var seen = new System.Collections.Generic.List<(int Source, int Code, int Value)>();
        h.Board.Devices.Events.Target = new Recorder(seen);
        h.WriteWord(Ctl, SpiControlRegion.Length, 4);
        h.WriteWord(Ctl, SpiControlRegion.ChipSelect, 2); // the emulated bus has chip selects 0 and 1

        h.WriteWord(Ctl, SpiControlRegion.Go, 1);

        Assert.Equal((uint)Errno.ENXIO, h.ReadWord(Ctl, SpiControlRegion.Error));
        Assert.Equal((Events.EventSources.Spi0, Events.EventSources.CodeSpiError, Errno.ENXIO), seen.Last());
    }

    [Fact]
    public void Go_CountNotWholeWords_ErrorIsTheHalResultAsEINVAL()
    {
        h.WriteWord(Ctl, SpiControlRegion.Length, 3);
        h.WriteWord(Ctl, SpiControlRegion.ChipSelect, 1);
        h.WriteWord(Ctl, SpiControlRegion.WordBits, 16);

        h.WriteWord(Ctl, SpiControlRegion.Go, 1);

        Assert.Equal((uint)Errno.EINVAL, h.ReadWord(Ctl, SpiControlRegion.Error));
    }

    /// <summary>hal.md "From a HAL result to an errno": the one table, entry by entry.</summary>
    [Theory]
    [InlineData(SpiResult.Done, Errno.EOK)]
    [InlineData(SpiResult.NoSuchChipSelect, Errno.ENXIO)]
    [InlineData(SpiResult.InvalidTransfer, Errno.EINVAL)]
    [InlineData(SpiResult.UnsupportedWordSize, Errno.EINVAL)]
    [InlineData(SpiResult.ControllerFailed, Errno.EIO)]
    public void SpiErrno_EveryHalResult_IsTheDocumentedErrno(SpiResult result, int errno)
    {
        Assert.Equal(errno, SpiErrno.Of(result));
    }

    [Fact]
    public void Registers_ResetValues()
    {
        Assert.Equal(SpiControlRegion.DefaultClockHz, h.ReadWord(Ctl, SpiControlRegion.Clock));
        Assert.Equal(8u, h.ReadWord(Ctl, SpiControlRegion.WordBits));
        Assert.Equal(0u, h.ReadWord(Ctl, SpiControlRegion.Mode));
        Assert.Equal(0u, h.ReadWord(Ctl, SpiControlRegion.Go));
    }

    [Fact]
    public void Buffer_CustomMmapHandler_GoesThroughTheExtHelper()
    {
        var x = h.MapExt(Buf, Prot.Read | Prot.Write, 0, 8192);
        Assert.Equal(0x19u | 0x20u, x.Flags);
        Assert.Equal(8192, x.Stat.Size);
        Assert.Equal(1, h.Board.Devices.SpiBuffer.TxMappings);
        Assert.Equal(1, h.Board.Devices.SpiBuffer.RxMappings);
        // The helper's checks apply: out of bounds → ENXIO, nothing counted.
        Assert.Equal(Errno.ENXIO, h.Map(Buf, Prot.Read, 8192, 1).Errno);
        Assert.Equal(1, h.Board.Devices.SpiBuffer.TxMappings);
    }

    private sealed class Recorder(System.Collections.Generic.List<(int, int, int)> seen) : Protocol.Link.IEventSink
    {
        public void Raise(int source, int code, int value) => seen.Add((source, code, value));
    }
}
