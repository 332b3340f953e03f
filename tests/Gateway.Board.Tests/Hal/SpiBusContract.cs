using System;
using Gateway.Devices.Hal;

namespace Gateway.Board.Tests.Hal;

/// <summary>
/// The behaviour every <see cref="ISpiBus"/> promises, over a bus with a MOSI→MISO loopback on one chip
/// select. Buffers start dirty (0xA5) so a byte the bus forgot to write shows.
/// </summary>
public abstract class SpiBusContract
{
    protected abstract ISpiBus CreateBus(out int loopbackChipSelect);

    /// <summary>Whether the bus takes 16- and 32-bit words (ISpiBus: "where the controller supports them"); a bus that does not answers UnsupportedWordSize.</summary>
    protected virtual bool WideWords => true;

    private static byte[] Pattern(int count, int seed)
    {
        var b = new byte[count];
        for (int i = 0; i < count; i++)
        {
            b[i] = (byte)(i * 37 + seed);
        }

        return b;
    }

    private static byte[] Dirty(int count)
    {
        var b = new byte[count];
        Array.Fill(b, (byte)0xA5);
        return b;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Transfer_LoopbackInEveryMode_ReceivesWhatWasSent(int mode)
    {
        var bus = CreateBus(out int cs);
        var tx = Pattern(300, 1);
        var rx = Dirty(300);

        Assert.Equal(SpiResult.Done, bus.Transfer(cs, mode, 1_000_000, 8, tx, 0, rx, 0, tx.Length));

        Assert.Equal(tx, rx);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    public void Transfer_WideWordsOnLoopback_ReceiveWhatWasSent(int wordBits)
    {
        var bus = CreateBus(out int cs);
        var tx = Pattern(64, 7);
        var rx = Dirty(64);
        if (!WideWords)
        {
            Assert.Equal(SpiResult.UnsupportedWordSize, bus.Transfer(cs, 0, 1_000_000, wordBits, tx, 0, rx, 0, 64));
            Assert.Equal(Dirty(64), rx);
            return;
        }

        Assert.Equal(SpiResult.Done, bus.Transfer(cs, 0, 1_000_000, wordBits, tx, 0, rx, 0, 64));

        Assert.Equal(tx, rx);
    }

    [Fact]
    public void Transfer_WithOffsets_TouchesOnlyTheRange()
    {
        var bus = CreateBus(out int cs);
        var tx = Pattern(32, 3);
        var rx = Dirty(40);

        Assert.Equal(SpiResult.Done, bus.Transfer(cs, 0, 500_000, 8, tx, 4, rx, 10, 16));

        Assert.Equal(tx[4..20], rx[10..26]);
        Assert.All(rx[..10], b => Assert.Equal(0xA5, b));
        Assert.All(rx[26..], b => Assert.Equal(0xA5, b));
    }

    [Fact]
    public void Transfer_SameBufferSameOffset_WorksInPlace()
    {
        var bus = CreateBus(out int cs);
        var buf = Pattern(16, 9);
        var expected = (byte[])buf.Clone();

        Assert.Equal(SpiResult.Done, bus.Transfer(cs, 0, 500_000, 8, buf, 0, buf, 0, 16));

        Assert.Equal(expected, buf);
    }

    [Fact]
    public void Transfer_ZeroCount_SucceedsWithoutTouchingBuffers()
    {
        var bus = CreateBus(out int cs);
        var rx = Dirty(4);

        Assert.Equal(SpiResult.Done, bus.Transfer(cs, 0, 500_000, 8, new byte[4], 0, rx, 0, 0));

        Assert.All(rx, b => Assert.Equal(0xA5, b));
    }

    [Fact]
    public void Transfer_ChipSelectOutOfRange_IsNoSuchChipSelect()
    {
        var bus = CreateBus(out _);
        var rx = Dirty(4);

        Assert.Equal(SpiResult.NoSuchChipSelect, bus.Transfer(bus.ChipSelectCount, 0, 500_000, 8, new byte[4], 0, rx, 0, 4));
        Assert.Equal(SpiResult.NoSuchChipSelect, bus.Transfer(-1, 0, 500_000, 8, new byte[4], 0, rx, 0, 4));
        Assert.All(rx, b => Assert.Equal(0xA5, b));
    }

    [Theory]
    [InlineData(4, 1_000_000, 8, 0, 0, 4)] // mode out of range
    [InlineData(-1, 1_000_000, 8, 0, 0, 4)]
    [InlineData(0, 0, 8, 0, 0, 4)] // no clock
    [InlineData(0, 1_000_000, 12, 0, 0, 4)] // word size
    [InlineData(0, 1_000_000, 16, 0, 0, 3)] // count not whole words
    [InlineData(0, 1_000_000, 32, 0, 0, 6)]
    [InlineData(0, 1_000_000, 8, 1, 0, 4)] // tx past its end
    [InlineData(0, 1_000_000, 8, 0, 1, 4)] // rx past its end
    [InlineData(0, 1_000_000, 8, -1, 0, 2)]
    [InlineData(0, 1_000_000, 8, 0, 0, -1)]
    public void Transfer_MalformedArguments_IsInvalidTransferAndLeavesRxAlone(int mode, int clockHz, int wordBits, int txOffset, int rxOffset, int count)
    {
        var bus = CreateBus(out int cs);
        var rx = Dirty(4);

        Assert.Equal(SpiResult.InvalidTransfer, bus.Transfer(cs, mode, clockHz, wordBits, new byte[4], txOffset, rx, rxOffset, count));

        Assert.All(rx, b => Assert.Equal(0xA5, b));
    }

    [Fact]
    public void Transfer_NullBuffer_IsInvalidTransfer()
    {
        var bus = CreateBus(out int cs);

        Assert.Equal(SpiResult.InvalidTransfer, bus.Transfer(cs, 0, 500_000, 8, null!, 0, new byte[4], 0, 4));
        Assert.Equal(SpiResult.InvalidTransfer, bus.Transfer(cs, 0, 500_000, 8, new byte[4], 0, null!, 0, 4));
    }

    [Fact]
    public void ChipSelectCount_Always_IsAtLeastOne()
    {
        var bus = CreateBus(out int cs);

        Assert.InRange(cs, 0, bus.ChipSelectCount - 1);
    }
}
