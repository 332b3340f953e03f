using System.Collections.Generic;
using System.Device.Gpio;
using System.Device.Spi;
using Gateway.Board.Esp32;
using Gateway.Board.Tests.Hal;
using Gateway.Devices.Hal;

namespace Gateway.Board.Tests.Esp32;

/// <summary>
/// The GPIO contract over firmware/Gateway.Board.Esp32/Esp32GpioBank.cs itself, compiled for .NET against
/// System.Device.Gpio 4.2.0 (tests/Gateway.Esp32.Desktop), on a simulated GpioDriver wired as the DevKitC is:
/// bank0 = GPIO 13,14,21,22,25,26,27,32, the loopback wire GPIO25 → GPIO26 (bank pin 4 → 5).
/// </summary>
public sealed class Esp32GpioBankContractTests : GpioBankContract
{
    public static readonly int[] DevKitCBank0 = { 13, 14, 21, 22, 25, 26, 27, 32 };

    protected override LoopbackFixture CreateLoopback()
    {
        var driver = new SimulatedGpioDriver(40);
        driver.Connect(25, 26);
        var bank0 = new Esp32GpioBank(new GpioController(driver), DevKitCBank0);
        return new LoopbackFixture(bank0, 4, bank0, 5);
    }

    [Fact]
    public void PresentPins_AbsentGpio_IsLeftOut()
    {
        var bank = new Esp32GpioBank(new GpioController(new SimulatedGpioDriver(40)), new[] { 13, -1, 21 });

        Assert.Equal(3, bank.PinCount);
        Assert.Equal(0b101u, bank.PresentPins);
    }

    [Fact]
    public void EnableEdges_Twice_RegistersOneCallbackPerPin()
    {
        var driver = new SimulatedGpioDriver(40);
        driver.Connect(25, 26);
        var bank = new Esp32GpioBank(new GpioController(driver), DevKitCBank0);
        bank.SetDirections(1u << 4, 1u << 4);
        var reports = new List<(uint, uint)>();
        bank.EdgeDetected += (r, f) => reports.Add((r, f));

        bank.EnableEdges(1u << 5, 0);
        bank.EnableEdges(1u << 5, 1u << 5);
        bank.WriteOutputs(1u << 4, 1u << 4);

        Assert.Equal(new[] { (1u << 5, 0u) }, reports);
    }
}

/// <summary>
/// The SPI contract over firmware/Gateway.Board.Esp32/Esp32SpiBus.cs itself, compiled for .NET against
/// System.Device.Spi 4.2.0, each chip select a simulated device with MISO wired to MOSI. 8-bit words only.
/// </summary>
public sealed class Esp32SpiBusContractTests : SpiBusContract
{
    private readonly List<SimulatedSpiDevice> opened = new();

    protected override bool WideWords => false;

    protected override ISpiBus CreateBus(out int loopbackChipSelect)
    {
        loopbackChipSelect = 1;
        return new Esp32SpiBus(1, new[] { 5, 4 }, Open);
    }

    private SpiDevice Open(SpiConnectionSettings settings)
    {
        var device = new SimulatedSpiDevice(settings);
        opened.Add(device);
        return device;
    }

    [Fact]
    public void Transfer_ModeAndClock_OpenTheDeviceWithThem()
    {
        var bus = CreateBus(out int cs);
        byte[] tx = { 1, 2, 3 }, rx = new byte[3];

        Assert.Equal(SpiResult.Done, bus.Transfer(cs, 3, 2_000_000, 8, tx, 0, rx, 0, 3));

        var s = Assert.Single(opened).ConnectionSettings;
        Assert.Equal((1, 4, SpiMode.Mode3, 2_000_000, 8, DataFlow.MsbFirst), (s.BusId, s.ChipSelectLine, s.Mode, s.ClockFrequency, s.DataBitLength, s.DataFlow));
    }

    [Fact]
    public void Transfer_SameSettings_ReusesTheDevice_NewClock_OpensAnother()
    {
        var bus = CreateBus(out int cs);
        byte[] tx = { 1 }, rx = new byte[1];

        bus.Transfer(cs, 0, 1_000_000, 8, tx, 0, rx, 0, 1);
        bus.Transfer(cs, 0, 1_000_000, 8, tx, 0, rx, 0, 1);
        bus.Transfer(cs, 0, 4_000_000, 8, tx, 0, rx, 0, 1);

        Assert.Equal(2, opened.Count);
        Assert.Equal(2, opened[0].Transfers);
        Assert.True(opened[0].Disposed);
        Assert.False(opened[1].Disposed);
    }

    [Fact]
    public void Transfer_DriverThrows_IsControllerFailedAndTheNextTransferReopens()
    {
        var bus = CreateBus(out int cs);
        byte[] tx = { 9 }, rx = new byte[1];
        bus.Transfer(cs, 0, 1_000_000, 8, tx, 0, rx, 0, 1);
        opened[0].FailNext = true;

        SpiResult failed = bus.Transfer(cs, 0, 1_000_000, 8, tx, 0, rx, 0, 1);
        SpiResult after = bus.Transfer(cs, 0, 1_000_000, 8, tx, 0, rx, 0, 1);

        Assert.Equal(SpiResult.ControllerFailed, failed);
        Assert.Equal(SpiResult.Done, after);
        Assert.True(opened[0].Disposed);
        Assert.Equal(2, opened.Count);
    }
}
