using System.Device.Gpio;
using System.Device.Spi;
using System.IO;
using Gateway.Board.Emulated.Simulator;
using Gateway.Board.Esp32;
using Gateway.Board.Tests.Hal;
using Gateway.Devices.Boards;
using Gateway.Devices.Hal;
using Gateway.Protocol.Link;
using Gateway.Protocol.Platform;
using Gateway.ResourceManager;
using Gateway.Protocol.Desktop.Platform;
using Xunit.Abstractions;

namespace Gateway.Board.Tests.Esp32;

/// <summary>
/// The ESP32 fits a WROOM-32 (boards/esp32-devkitc, "Memory"): what the app keeps after start — the composition of
/// firmware/Gateway.Board.Esp32/Program.cs (<see cref="BoardDefinition.Esp32"/>, <see cref="BoardLinkConfig.Esp32"/>,
/// status sources, the native CRC) with the app's own adapters (Esp32GpioBank, Esp32SpiBus, NativeCrc32 compiled for
/// .NET) and the nanoFramework driver objects they hold, priced at their device estimates — is walked object by
/// object and priced with nanoFramework's 32-bit layout (<see cref="NanoHeapPricer"/>). The target is 96 KiB (room for
/// the per-request garbage and the runtime's own objects on a WROOM-32's ~100 KiB heap); today it keeps ~105 KiB, and
/// <see cref="Ceiling"/> holds it there until the link's frame buffers shrink (boards/esp32-devkitc, "Memory").
/// </summary>
public sealed class Esp32HeapBudgetTests
{
    /// <summary>The target for the composition with its driver objects: what fits a WROOM-32.</summary>
    public const long Budget = 96 * 1024;

    /// <summary>
    /// What it keeps today plus under 1 KiB: a change that grows it fails here. 91.7 KiB measured: the /fw images are
    /// produced on read (−16.6 KB), resources without handlers share one handler table (−2.4 KB), the ESP32's link is
    /// stop-and-wait (window 1: one cached reply, no held early arrival, −13 KB); the per-session quotas and the link's
    /// slot promises (issue 13) added 0.4 KiB of shared fields.
    /// </summary>
    public const long Ceiling = 92 * 1024;

    /// <summary>
    /// Device estimates (nanoFramework's own objects, from their sources; see boards/esp32-devkitc, "Memory"):
    /// GpioController with the 8 bank0 pins (per pin a GpioPin of 7 fields, its lock, the controller's bundle of 5
    /// fields, its list slot and interrupt-listener entry: ~216 bytes; the controller, its static list and the
    /// listener ~320);
    /// </summary>
    public const long GpioControllerWith8Pins = 8 * 216 + 320;

    /// <summary>An open SpiDevice (device, its 9-field settings, its 1-byte buffer): ~216 bytes, one per chip select once used.</summary>
    public const long SpiDevicePerChipSelect = 216;

    /// <summary>SerialPort (22 fields), its SerialStream and event-listener entry (the UART ring buffer is native memory).</summary>
    public const long SerialPortWithStream = 460;

    /// <summary>NanoHmac, HMACSHA256 (3 fields), the 32-byte key and the last 32-byte hash it keeps.</summary>
    public const long Hmac = 24 + 48 + 60 + 60;

    /// <summary>BoardPins (11 fields, two int arrays), SerialByteStream with its AutoResetEvent, the 16-byte boot id, Esp32Clock, DebugLog.</summary>
    public const long AppSmallObjects = 240 + 72 + 48 + 12 + 12;

    private readonly ITestOutputHelper output;

    public Esp32HeapBudgetTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    private static SpiDevice OpenSimulated(SpiConnectionSettings settings) => new SimulatedSpiDevice(settings);

    /// <summary>Composes the ESP32 app as Program.Main does, over the desktop stand-ins, and prices what it keeps.</summary>
    public static NanoHeapPricer PriceEsp32App()
    {
        var driver = new SimulatedGpioDriver(40);
        var bank0 = new Esp32GpioBank(new GpioController(driver), Esp32GpioBankContractTests.DevKitCBank0);
        var spi0 = new Esp32SpiBus(1, new[] { 5, 4 }, OpenSimulated);
        var clock = new SystemClock();
        var log = new ConsoleLog(writer: TextWriter.Null);

        BoardDefinition d = BoardDefinition.Esp32();
        d.Name = "esp32-devkitc";
        d.Model = "ESP32-DevKitC (ESP32-WROOM-32)";
        d.FirmwareVersion = "0.1.0";
        d.Banks = new[] { new GpioBankDefinition("bank0", bank0, 0xFE200000) };
        d.Spi = spi0;
        d.SpiDevices = new[] { SpiDeviceDeclaration.Eeprom25LC256(0) };
        d.Wiring = new[] { new WireDeclaration("bank0", 4, "bank0", 5) };
        var board = BoardNamespace.Build(d, clock, log);
        BoardLinkConfig config = BoardLinkConfig.Esp32();
        config.BoardName = d.Name;
        config.BoardModel = d.Model;
        config.FirmwareVersion = d.FirmwareVersion;
        config.Crc = new NativeCrc32();
        var link = new BoardLink(config, board.Rm, new BclHmac(new byte[32]), clock, log, new byte[16]);
        board.Events.Target = link;
        board.Status.AddSource(new LinkStatusSource(link));
        board.Status.AddSource(new EventStatusSource(link));

        var pricer = new NanoHeapPricer()
            .BoardAssemblies(typeof(BoardLink).Assembly, typeof(ResmgrContext).Assembly, typeof(BoardDefinition).Assembly, typeof(Esp32GpioBank).Assembly)
            .Stand(typeof(GpioController), GpioControllerWith8Pins)
            .Stand(typeof(IHmac), Hmac)
            .Stand(typeof(IClock), 12)
            .Stand(typeof(ILog), 12)
            // The link's output queue waits on an AutoResetEvent: on nanoFramework a managed object (heap block plus
            // two fields) over a native event.
            .Stand(typeof(System.Threading.WaitHandle), 36)
            // The shim Crc32 (one field, as nanoFramework's) is priced; the .NET CRC behind it does not exist there.
            .Stand(typeof(System.IO.Hashing.Crc32), 0);
        pricer.Walk(link);
        pricer.Walk(board);
        pricer.Walk(config);
        pricer.AddStatics();
        pricer.AddEstimate("SpiDevice × 2 chip selects", 2 * SpiDevicePerChipSelect);
        pricer.AddEstimate("SerialPort", SerialPortWithStream);
        pricer.AddEstimate("BoardPins, SerialByteStream, boot id, clock, log", AppSmallObjects);
        return pricer;
    }

    [Fact]
    public void Esp32App_PricedWithNanoFrameworkLayout_StaysUnderTodaysCeiling()
    {
        var pricer = PriceEsp32App();
        output.WriteLine(pricer.Report(25));

        Assert.True(pricer.Total <= Ceiling, $"the ESP32 app keeps more than {Ceiling / 1024} KiB on nanoFramework:\n{pricer.Report()}");
    }

    [Fact]
    public void Esp32App_PricedWithNanoFrameworkLayout_FitsAWroom32In96KiB()
    {
        var pricer = PriceEsp32App();

        Assert.True(pricer.Total <= Budget, $"the ESP32 app keeps more than 96 KiB on nanoFramework:\n{pricer.Report()}");
    }

    [Fact]
    public void Pricer_KnownShapes_PricedAsNanoFrameworkLaysThemOut()
    {
        var pricer = new NanoHeapPricer().BoardAssemblies(typeof(WireDeclaration).Assembly);

        pricer.Walk(new byte[100]);               // 24 + 108
        pricer.Walk(new int[3]);                  // 24 + 12
        pricer.Walk(new object[2]);               // 24 + 24
        pricer.Walk(new WireDeclaration(null!, 1, null!, 2)); // 12 + 4 × 12

        Assert.Equal(132 + 36 + 48 + 60, pricer.Total);
    }

    [Fact]
    public void Pricer_ForeignObject_IsRefusedNotGuessed()
    {
        var pricer = new NanoHeapPricer().BoardAssemblies(typeof(WireDeclaration).Assembly);

        Assert.Throws<System.InvalidOperationException>(() => pricer.Walk(new System.Collections.Generic.List<int>()));
    }
}
