using Gateway.Board.Emulated.Simulator;
using Gateway.Devices.Boards;
using Gateway.Protocol.Platform;

namespace Gateway.Board.Emulated;

/// <summary>
/// The emulated board's simulated hardware (boards/emulated): bank0 with 32 pins and bank1 with 8 (present
/// mask 0xFF), the declared loopback wires bank0 pin 4 → pin 5 and pin 6 → pin 7, and spi0 with a 25LC256
/// EEPROM on chip select 0 and a loopback device on chip select 1.
/// </summary>
public sealed class EmulatedHardware
{
    /// <summary>The physical address of bank0's register block, the one /dev/mem window (board-resources.md).</summary>
    public const ulong Bank0PhysicalBase = 0xFE200000;

    public EmulatedHardware(IClock clock)
    {
        Clock = clock;
        Wiring = new GpioWiring();
        Bank0 = new SimulatedGpioBank("bank0", 32, Wiring);
        Bank1 = new SimulatedGpioBank("bank1", 8, Wiring, 0xFF);
        Wiring.Connect(Bank0, 4, Bank0, 5);
        Wiring.Connect(Bank0, 6, Bank0, 7);
        Spi = new SimulatedSpiBus(2);
        Eeprom = new Eeprom25LC256(clock);
        Spi.Attach(0, Eeprom);
        Spi.Attach(1, new SpiLoopbackDevice());
    }

    public IClock Clock { get; }

    public GpioWiring Wiring { get; }

    public SimulatedGpioBank Bank0 { get; }

    public SimulatedGpioBank Bank1 { get; }

    public SimulatedSpiBus Spi { get; }

    public Eeprom25LC256 Eeprom { get; }

    /// <summary>The board definition the shared board code builds the namespace from.</summary>
    public BoardDefinition Definition(bool is64Bit)
    {
        var rm = new ResourceManager.RmConfig { Is64Bit = is64Bit };
        return new BoardDefinition
        {
            Name = "emulated",
            Model = is64Bit ? "Gateway emulated board (64-bit)" : "Gateway emulated board (32-bit)",
            FirmwareVersion = typeof(EmulatedHardware).Assembly.GetName().Version?.ToString(3) ?? "0.1.0",
            Rm = rm,
            Banks = new[]
            {
                new GpioBankDefinition("bank0", Bank0, Bank0PhysicalBase),
                new GpioBankDefinition("bank1", Bank1, 0),
            },
            Spi = Spi,
            SpiDevices = new[]
            {
                new SpiDeviceDeclaration(chipSelect: 0, device: "25LC256", size: Eeprom25LC256.Size, pageSize: Eeprom25LC256.PageSize, addressBytes: 2),
                new SpiDeviceDeclaration(chipSelect: 1, device: "loopback", size: 0, pageSize: 0, addressBytes: 0),
            },
            Wiring = new[]
            {
                new WireDeclaration(fromBank: "bank0", fromPin: 4, toBank: "bank0", toPin: 5),
                new WireDeclaration(fromBank: "bank0", fromPin: 6, toBank: "bank0", toPin: 7),
            },
        };
    }
}
