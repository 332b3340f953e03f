using System;
using System.Reflection;
using Gateway.Board.RaspberryPi.Gpio;
using Gateway.Board.RaspberryPi.Spi;
using Gateway.Board.Tests.Hal;
using Gateway.Devices.Hal;

namespace Gateway.Board.Tests.RaspberryPi;

/// <summary>
/// The HAL contracts on a real Pi with the wiring of boards/raspberry-pi: off unless
/// GATEWAY_HARDWARE_TESTS=1. GATEWAY_PI_GPIOCHIP names the chip (default: found by label),
/// GATEWAY_PI_LOOPBACK the BCM lines of the loopback wire (default "16,17" = bank0 pin 4 → pin 5),
/// GATEWAY_PI_SPI_LOOPBACK a spidev whose MOSI is wired to MISO, GATEWAY_PI_EEPROM the spidev of the 25LC256.
/// </summary>
[Trait("Category", "Hardware")]
public sealed class PiHardwareTests
{
    private static string Chip()
    {
        string? chip = Environment.GetEnvironmentVariable("GATEWAY_PI_GPIOCHIP");
        if (!string.IsNullOrEmpty(chip))
        {
            return chip;
        }

        var probes = GpioChip.Probe();
        return GpioChipChoice.TryChoose(probes, null, 0, Array.Empty<uint>(), out var found, out _, out string? error)
            ? found!.Path
            : throw new InvalidOperationException($"{error}; or set GATEWAY_PI_GPIOCHIP");
    }

    private static int[] LoopbackLines()
    {
        string[] parts = (Environment.GetEnvironmentVariable("GATEWAY_PI_LOOPBACK") ?? "16,17").Split(',');
        return new[] { int.Parse(parts[0]), int.Parse(parts[1]) };
    }

    /// <summary>Runs every [Fact] of a contract on one fixture (the suite's classes are not discovered here).</summary>
    private static void RunContract(object suite, Type contract)
    {
        foreach (var method in contract.GetMethods(BindingFlags.Public | BindingFlags.Instance))
        {
            if (method.GetCustomAttribute<FactAttribute>() != null && method.GetParameters().Length == 0)
            {
                method.Invoke(suite, null);
            }
        }
    }

    private sealed class PiGpioContract : GpioBankContract
    {
        public LinuxGpioBank? Bank { get; private set; }

        protected override LoopbackFixture CreateLoopback()
        {
            Bank?.Dispose();
            int[] lines = LoopbackLines();
            Bank = LinuxGpioBank.Open(Chip(), lines, "gateway-test");
            return new LoopbackFixture(Bank, 0, Bank, 1);
        }
    }

    private sealed class PiSpiContract : SpiBusContract
    {
        protected override ISpiBus CreateBus(out int loopbackChipSelect)
        {
            loopbackChipSelect = 0;
            return SpidevBus.Open(Environment.GetEnvironmentVariable("GATEWAY_PI_SPI_LOOPBACK")!);
        }
    }

    [HardwareFact]
    public void GpioContract_OnTheLoopbackWire_Holds()
    {
        var suite = new PiGpioContract();
        try
        {
            RunContract(suite, typeof(GpioBankContract));
        }
        finally
        {
            suite.Bank?.Dispose();
        }

        Assert.NotNull(suite.Bank);
    }

    [HardwareFact("GATEWAY_PI_SPI_LOOPBACK")]
    public void SpiContract_OnAMosiMisoWire_Holds()
    {
        var suite = new PiSpiContract();

        RunContract(suite, typeof(SpiBusContract));

        Assert.True(true, "every contract check passed");
    }

    [HardwareFact("GATEWAY_PI_EEPROM")]
    public void Eeprom_WrenThenRdsr_ShowsWel()
    {
        using var bus = SpidevBus.Open(Environment.GetEnvironmentVariable("GATEWAY_PI_EEPROM")!);
        var rx = new byte[2];

        Assert.Equal(SpiResult.Done, bus.Transfer(0, 0, 1_000_000, 8, new byte[] { 0x06 }, 0, rx, 0, 1));
        Assert.Equal(SpiResult.Done, bus.Transfer(0, 0, 1_000_000, 8, new byte[] { 0x05, 0 }, 0, rx, 0, 2));
        Assert.Equal(0x02, rx[1] & 0x03);
        Assert.Equal(SpiResult.Done, bus.Transfer(0, 0, 1_000_000, 8, new byte[] { 0x04 }, 0, rx, 0, 1));
    }
}
