using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Board.Emulated.Simulator;
using Gateway.Board.RaspberryPi;
using Gateway.Board.RaspberryPi.Gpio;
using Gateway.Board.Tests.Hal;
using Gateway.Devices.Hal;
using Gateway.Devices.Registers;
using Gateway.Protocol.Qnx;
using Gateway.Host.Board;
using Gateway.Host.Link;
using Gateway.Host.Memory;
using Gateway.Transports.Desktop.InMemory;
using Gateway.Protocol.Desktop.Platform;
using System.Device.Gpio;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Board.Tests.RaspberryPi;

/// <summary>The GPIO contract over a controller bank: an MCP23017-shaped driver of 16 pins, its pin 4 wired to pin 5.</summary>
public sealed class ControllerGpioBankContractTests : GpioBankContract
{
    protected override LoopbackFixture CreateLoopback()
    {
        var driver = new SimulatedGpioDriver(16);
        driver.Connect(4, 5);
        var bank = new ControllerGpioBank(new GpioController(driver), Pins(16));
        return new LoopbackFixture(bank, 4, bank, 5);
    }

    public static int[] Pins(int count)
    {
        var pins = new int[count];
        for (int i = 0; i < count; i++)
        {
            pins[i] = i;
        }

        return pins;
    }
}

/// <summary>The GPIO contract across two controller banks on one driver (pins 0–7 and 8–15), a wire from bank A pin 0 to bank B pin 7.</summary>
public sealed class ControllerGpioCrossBankContractTests : GpioBankContract
{
    protected override LoopbackFixture CreateLoopback()
    {
        var driver = new SimulatedGpioDriver(16);
        driver.Connect(0, 15);
        var controller = new GpioController(driver);
        var a = new ControllerGpioBank(controller, new[] { 0, 1, 2, 3, 4, 5, 6, 7 });
        var b = new ControllerGpioBank(controller, new[] { 8, 9, 10, 11, 12, 13, 14, 15 });
        return new LoopbackFixture(a, 0, b, 7);
    }
}

/// <summary>
/// What a controller bank does beyond the contract: batched driver transactions, drivers without pull-downs or edge
/// callbacks, and a Pi serving one as /dev/gpio/bank1 (register file, /fw/map) over the real link stack.
/// </summary>
public sealed class ControllerGpioBankTests
{
    private static readonly byte[] Key = Encoding.ASCII.GetBytes("pi-controller-bank-key-012345678");

    [Fact]
    public void ReadInputs_SixteenPins_IsOneDriverTransaction()
    {
        var driver = new SimulatedGpioDriver(16);
        var bank = new ControllerGpioBank(new GpioController(driver), ControllerGpioBankContractTests.Pins(16));
        bank.SetDirections(0xFFFF, 0x00FF);
        int before = driver.Transactions;

        bank.ReadInputs();
        bank.WriteOutputs(0x00FF, 0x00A5);

        Assert.Equal(2, driver.Transactions - before);
        Assert.Equal(0x00A5u, bank.ReadInputs() & 0x00FF);
    }

    [Fact]
    public void SetPulls_PullDownTheDriverLacks_LeavesAPlainInputAndSaysSo()
    {
        var driver = new SimulatedGpioDriver(16, pullDown: false);
        var bank = new ControllerGpioBank(new GpioController(driver), ControllerGpioBankContractTests.Pins(16));

        bank.SetPulls(0b11, 0b01, 0b10);

        Assert.Equal(0b10u, bank.UnsupportedPulls);
        Assert.Equal(0b01u, bank.ReadInputs() & 0b11);
    }

    [Fact]
    public void EnableEdges_DriverWithoutCallbacks_ReportsNothingAndSaysSo()
    {
        var driver = new SimulatedGpioDriver(8, events: false);
        driver.Connect(0, 1);
        var bank = new ControllerGpioBank(new GpioController(driver), ControllerGpioBankContractTests.Pins(8));
        int reports = 0;
        bank.EdgeDetected += (_, _) => reports++;
        bank.SetDirections(0b01, 0b01);

        bank.EnableEdges(0b10, 0b10);
        bank.WriteOutputs(0b01, 0b01);

        Assert.False(bank.EdgesSupported);
        Assert.Equal(0, reports);
        Assert.Equal(0b10u, bank.ReadInputs() & 0b10);
    }

    [Fact]
    public void Constructor_AbsentPins_AreLeftOutOfThePresentMask()
    {
        var bank = new ControllerGpioBank(new GpioController(new SimulatedGpioDriver(16)), new[] { 3, -1, 7 });

        Assert.Equal(3, bank.PinCount);
        Assert.Equal(0b101u, bank.PresentPins);
        Assert.Throws<ArgumentException>(() => new ControllerGpioBank(new GpioController(new SimulatedGpioDriver(40)), new int[33]));
    }

    [Fact]
    public async Task PiBoard_ExpanderAsBank1_ServedWithRegisterFileAndMap()
    {
        var wiring = new GpioWiring();
        var bank0 = new SimulatedGpioBank("bank0", 8, wiring);
        wiring.Connect(bank0, 4, bank0, 5);
        var driver = new SimulatedGpioDriver(16, pullDown: false);
        driver.Connect(3, 12);
        var bank1 = ExpanderBanks.Over(driver, 16);
        using var board = PiBoard.Compose(new PiOptions(), new IGpioBank[] { bank0, bank1 }, new SimulatedSpiBus(2), new SystemClock(), Key, new ConsoleLog(writer: TextWriter.Null));
        var pipe = new InMemoryPipe();
        var serving = new Thread(() => board.Serve(pipe.Board)) { IsBackground = true };
        serving.Start();
        try
        {
            await using var client = await LinkClient.ConnectAsync(pipe.Host, new LinkClientOptions { Key = Key });
            var mm = new MemoryManager(new LinkChannel(client));
            await mm.StartAsync();
            var root = await mm.SpawnAsync(2, Cred(0, 0), is64Bit: true);

            var fd = await root.OpenAsync("dev/gpio/bank1", OpenFlags.ReadWrite);
            var m = await root.MmapAsync(0, 4096, Prot.Read | Prot.Write | Prot.NoCache, MapFlags.Shared, (int)fd.Value, 0);
            await root.StoreAsync(m.Address + GpioBankRegion.Direction, 4, 1u << 3);
            await root.StoreAsync(m.Address + GpioBankRegion.Set, 4, 1u << 3);
            var input = await root.LoadAsync(m.Address + GpioBankRegion.Input, 4);
            var present = await root.LoadAsync(m.Address + GpioBankRegion.Present, 4);

            Assert.True(m.Ok, m.ToString());
            Assert.Equal((1ul << 3) | (1ul << 12), input.Value & ((1ul << 3) | (1ul << 12)));
            Assert.Equal(0xFFFFul, present.Value);

            using var map = JsonDocument.Parse(board.Devices.Map.ToArray());
            Assert.Contains(map.RootElement.GetProperty("resources").EnumerateArray(), r => r.GetProperty("path").GetString() == "/dev/gpio/bank1");
        }
        finally
        {
            board.Link.Stop();
            await Poll.UntilEndedAsync(serving, 10_000, "the Pi's serving thread did not end once the link stopped");
            pipe.Close();
        }
    }
}
