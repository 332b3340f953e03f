using System;
using Gateway.Board.Emulated.Simulator;
using Gateway.Devices.Hal;

namespace Gateway.Board.Tests.Simulator;

public sealed class SimulatedSpiBusTests
{
    private sealed class RecordingDevice : ISimulatedSpiDevice
    {
        public readonly System.Collections.Generic.List<string> Log = new();

        public void Select(int mode, int clockHz) => Log.Add($"select {mode} {clockHz}");

        public byte Exchange(byte mosi)
        {
            Log.Add($"{mosi:X2}");
            return (byte)~mosi;
        }

        public void Deselect() => Log.Add("deselect");
    }

    [Fact]
    public void Transfer_NoDeviceOnChipSelect_ReadsIdleHigh()
    {
        var bus = new SimulatedSpiBus(2);
        var rx = new byte[4];

        Assert.Equal(SpiResult.Done, bus.Transfer(1, 0, 1_000_000, 8, new byte[] { 1, 2, 3, 4 }, 0, rx, 0, 4));

        Assert.All(rx, b => Assert.Equal(0xFF, b));
    }

    [Fact]
    public void Transfer_SixteenBitWords_GoOutMostSignificantByteFirst()
    {
        var bus = new SimulatedSpiBus(1);
        var device = new RecordingDevice();
        bus.Attach(0, device);
        var rx = new byte[4];

        bus.Transfer(0, 3, 2_000_000, 16, new byte[] { 0x34, 0x12, 0x78, 0x56 }, 0, rx, 0, 4);

        Assert.Equal(new[] { "select 3 2000000", "12", "34", "56", "78", "deselect" }, device.Log);
        Assert.Equal(new byte[] { 0xCB, 0xED, 0x87, 0xA9 }, rx);
    }

    [Fact]
    public void Transfer_Rejected_NeverSelectsTheDevice()
    {
        var bus = new SimulatedSpiBus(1);
        var device = new RecordingDevice();
        bus.Attach(0, device);

        bus.Transfer(0, 7, 1_000_000, 8, new byte[2], 0, new byte[2], 0, 2);
        bus.Transfer(0, 0, 1_000_000, 8, new byte[2], 0, new byte[2], 0, 0);

        Assert.Empty(device.Log);
        Assert.Equal(0, bus.TransferCount);
        Assert.Null(bus.LastTransfer);
    }

    [Fact]
    public void LastTransfer_AfterTransfer_RecordsItsSettings()
    {
        var bus = new SimulatedSpiBus(2);
        bus.Attach(1, new SpiLoopbackDevice());

        bus.Transfer(1, 2, 4_000_000, 32, new byte[8], 0, new byte[8], 0, 8);

        Assert.Equal(new SpiTransferRecord(1, 2, 4_000_000, 32, 8), bus.LastTransfer);
        Assert.Equal(1, bus.TransferCount);
    }

    [Fact]
    public void Attach_Null_RemovesTheDevice()
    {
        var bus = new SimulatedSpiBus(1);
        bus.Attach(0, new SpiLoopbackDevice());
        bus.Attach(0, null);
        var rx = new byte[1];

        bus.Transfer(0, 0, 1, 8, new byte[] { 0x42 }, 0, rx, 0, 1);

        Assert.Null(bus.DeviceAt(0));
        Assert.Equal(0xFF, rx[0]);
    }

    [Fact]
    public void Attach_ChipSelectOutOfRange_Throws()
    {
        var bus = new SimulatedSpiBus(2);

        Assert.Throws<ArgumentOutOfRangeException>(() => bus.Attach(2, new SpiLoopbackDevice()));
    }
}
