using Gateway.Devices.Registers;
using Gateway.Protocol.Qnx;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Devices.Tests;

/// <summary>The GPIO bank register file (hardware-docs/register-maps.md "gpio-bank"), RM-2a, behaviour.md §5.</summary>
public sealed class GpioBankTests
{
    private readonly DeviceHarness h = new();

    public GpioBankTests()
    {
        h.Open(3, "dev/gpio/bank0", OpenFlags.ReadWrite);
        h.Open(4, "dev/gpio/bank1", OpenFlags.ReadWrite);
    }

    [Fact]
    public void Reset_AllInputsLatchZeroPresentMask()
    {
        Assert.Equal(0u, h.ReadWord(3, GpioBankRegion.Output));
        Assert.Equal(0u, h.ReadWord(3, GpioBankRegion.Direction));
        Assert.Equal(0xFFFFFFFFu, h.ReadWord(3, GpioBankRegion.Present));
        Assert.Equal(0xFFu, h.ReadWord(4, GpioBankRegion.Present));
        Assert.Equal(0u, h.ReadWord(3, GpioBankRegion.EdgeStatus));
        Assert.Equal(0u, h.ReadWord(3, GpioBankRegion.EventCount));
    }

    [Fact]
    public void SetClearToggle_ActOnTheLatch()
    {
        h.WriteWord(3, GpioBankRegion.Output, 0x0000_00F0);
        h.WriteWord(3, GpioBankRegion.Set, 0x0000_0003);
        Assert.Equal(0xF3u, h.ReadWord(3, GpioBankRegion.Output));
        h.WriteWord(3, GpioBankRegion.Clear, 0x0000_0030);
        Assert.Equal(0xC3u, h.ReadWord(3, GpioBankRegion.Output));
        h.WriteWord(3, GpioBankRegion.Toggle, 0x0000_00FF);
        Assert.Equal(0x3Cu, h.ReadWord(3, GpioBankRegion.Output));
    }

    [Fact]
    public void WriteOnlyRegistersReadZero_ReadOnlyIgnoreWrites_UnmappedOffsetsReadZero()
    {
        h.WriteWord(3, GpioBankRegion.Set, 0xFF);
        Assert.Equal(0u, h.ReadWord(3, GpioBankRegion.Set));
        Assert.Equal(0u, h.ReadWord(3, GpioBankRegion.Clear));
        Assert.Equal(0u, h.ReadWord(3, GpioBankRegion.Toggle));
        h.WriteWord(3, GpioBankRegion.Present, 0);
        h.WriteWord(3, GpioBankRegion.EventCount, 1234);
        Assert.Equal(0xFFFFFFFFu, h.ReadWord(3, GpioBankRegion.Present));
        Assert.Equal(0u, h.ReadWord(3, GpioBankRegion.EventCount));
        h.WriteWord(3, 0x800, 0xDEADBEEF);
        Assert.Equal(0u, h.ReadWord(3, 0x800));
        Assert.Equal(0u, h.ReadWord(3, 0xFFC));
    }

    [Fact]
    public void Bank1_WritesMaskedToPresentPins()
    {
        h.WriteWord(4, GpioBankRegion.Output, 0xFFFF_FFFF);
        Assert.Equal(0xFFu, h.ReadWord(4, GpioBankRegion.Output));
    }

    [Fact]
    public void Direction_OutputsDriveTheirLatch_LoopbackWireCarriesIt()
    {
        // bank0 pin 4 is wired to pin 5 (boards/emulated).
        h.WriteWord(3, GpioBankRegion.Direction, 1u << 4);
        h.WriteWord(3, GpioBankRegion.Set, 1u << 4);
        uint input = h.ReadWord(3, GpioBankRegion.Input);
        Assert.NotEqual(0u, input & (1u << 4));
        Assert.NotEqual(0u, input & (1u << 5));
        h.WriteWord(3, GpioBankRegion.Clear, 1u << 4);
        Assert.Equal(0u, h.ReadWord(3, GpioBankRegion.Input) & (1u << 5));
    }

    [Fact]
    public void Pulls_SetUndrivenInputLevels()
    {
        h.WriteWord(3, GpioBankRegion.PullUp, 1u << 10);
        Assert.Equal(1u << 10, h.ReadWord(3, GpioBankRegion.PullUp));
        Assert.NotEqual(0u, h.ReadWord(3, GpioBankRegion.Input) & (1u << 10));
        h.WriteWord(3, GpioBankRegion.PullUp, 0);
        h.WriteWord(3, GpioBankRegion.PullDown, 1u << 10);
        Assert.Equal(0u, h.ReadWord(3, GpioBankRegion.Input) & (1u << 10));
    }

    [Fact]
    public void Edges_LatchedOnlyWhenEnabled_CountedAndWriteOneToClear()
    {
        h.WriteWord(3, GpioBankRegion.Direction, 1u << 4);
        // No enable: nothing latched.
        h.WriteWord(3, GpioBankRegion.Set, 1u << 4);
        h.WriteWord(3, GpioBankRegion.Clear, 1u << 4);
        Assert.Equal(0u, h.ReadWord(3, GpioBankRegion.EdgeStatus));

        h.WriteWord(3, GpioBankRegion.RiseEnable, 1u << 5);
        h.WriteWord(3, GpioBankRegion.Set, 1u << 4);      // rising on 5: latched
        h.WriteWord(3, GpioBankRegion.Clear, 1u << 4);    // falling on 5: not enabled
        Assert.Equal(1u << 5, h.ReadWord(3, GpioBankRegion.EdgeStatus));
        Assert.Equal(1u, h.ReadWord(3, GpioBankRegion.EventCount));

        h.WriteWord(3, GpioBankRegion.FallEnable, 1u << 5);
        h.WriteWord(3, GpioBankRegion.Set, 1u << 4);
        h.WriteWord(3, GpioBankRegion.Clear, 1u << 4);
        Assert.Equal(3u, h.ReadWord(3, GpioBankRegion.EventCount));

        h.WriteWord(3, GpioBankRegion.EdgeStatus, 1u << 7); // other bit: no effect
        Assert.Equal(1u << 5, h.ReadWord(3, GpioBankRegion.EdgeStatus));
        h.WriteWord(3, GpioBankRegion.EdgeStatus, 1u << 5);
        Assert.Equal(0u, h.ReadWord(3, GpioBankRegion.EdgeStatus));
        Assert.Equal(3u, h.ReadWord(3, GpioBankRegion.EventCount));
    }

    [Fact]
    public void Edges_RaiseEventsWithThePins()
    {
        var seen = new System.Collections.Generic.List<(int, int, int)>();
        h.Board.Devices.Events.Target = new Recorder(seen);
        h.WriteWord(3, GpioBankRegion.Direction, 1u << 6);
        h.WriteWord(3, GpioBankRegion.RiseEnable, 1u << 7);
        h.WriteWord(3, GpioBankRegion.Set, 1u << 6);
        Assert.Equal((Events.EventSources.GpioBankBase, Events.EventSources.CodeGpioEdge, 1 << 7), Assert.Single(seen));
    }

    [Theory]
    [InlineData(2, 4)]
    [InlineData(0, 2)]
    [InlineData(0, 6)]
    [InlineData(1, 4)]
    public void UnalignedOrPartialWordAccess_IsEinvalWithNoEffect(long offset, int length)
    {
        h.WriteWord(3, GpioBankRegion.Output, 0x11);
        var w = h.Send(2, 3, Write(new byte[length], offset));
        Assert.Equal(Errno.EINVAL, w.Errno);
        var r = h.Send(2, 3, Read((uint)length, offset));
        Assert.Equal(Errno.EINVAL, r.Errno);
        Assert.Equal(0x11u, h.ReadWord(3, GpioBankRegion.Output));
    }

    [Fact]
    public void MultiWordWrite_RunsWordByWordWithSideEffects()
    {
        // One 12-byte write: OUTPUT = 0xF0, DIRECTION = 0x0F, SET = 0x01.
        var data = new byte[12];
        System.BitConverter.GetBytes(0xF0u).CopyTo(data, 0);
        System.BitConverter.GetBytes(0x0Fu).CopyTo(data, 4);
        System.BitConverter.GetBytes(0x01u).CopyTo(data, 8);
        Assert.Equal(12, h.Send(2, 3, Write(data, GpioBankRegion.Output)).Value);
        Assert.Equal(0xF1u, h.ReadWord(3, GpioBankRegion.Output));
        Assert.Equal(0x0Fu, h.ReadWord(3, GpioBankRegion.Direction));
        var all = h.Send(2, 3, Read(0x34, 0));
        Assert.Equal(0x34, all.Value);
    }

    private sealed class Recorder(System.Collections.Generic.List<(int, int, int)> seen) : Protocol.Link.IEventSink
    {
        public void Raise(int source, int code, int value) => seen.Add((source, code, value));
    }
}

/// <summary>RM-2: register, console and /dev/mem accesses set the times their stat reports (review regression).</summary>
public sealed class DeviceTimesTests
{
    [Fact]
    public void RegisterWrite_SetsMtime_RegisterRead_SetsAtime()
    {
        var h = new DeviceHarness();
        h.Open(3, "dev/gpio/bank0", OpenFlags.ReadWrite);
        var a = h.Board.Rm.Namespace.Find("/dev/gpio/bank0")!;
        long m0 = a.MtimeSec, a0 = a.AtimeSec;
        h.Clock.Advance(5000);
        h.WriteWord(3, Registers.GpioBankRegion.Output, 1);
        Assert.True(a.MtimeSec > m0);
        Assert.Equal(a0, a.AtimeSec);
        h.Clock.Advance(5000);
        h.ReadWord(3, Registers.GpioBankRegion.Output);
        Assert.True(a.AtimeSec > a0);
    }

    [Fact]
    public void BoardWithoutSpiBus_StillServesSpi0_GoAnswersEnodev()
    {
        var clock = new Gateway.Board.Emulated.Simulator.SimulatedClock();
        var board = Boards.BoardNamespace.Build(new Boards.BoardDefinition { Spi = null }, clock, null!);
        Assert.NotNull(board.Rm.Namespace.Find("/dev/spi0/ctl"));
        Assert.NotNull(board.Rm.Namespace.Find("/dev/spi0/buf"));
        board.SpiControl.WriteWord(Registers.SpiControlRegion.Length, 4);
        board.SpiControl.WriteWord(Registers.SpiControlRegion.Go, 1);
        Assert.Equal((uint)Errno.ENODEV, board.SpiControl.ReadWord(Registers.SpiControlRegion.Error));
        Assert.Equal(1u, board.SpiControl.ReadWord(Registers.SpiControlRegion.Done));
    }
}
