using System;
using System.IO;
using System.Linq;
using System.Text;
using Gateway.Board.RaspberryPi;
using Gateway.Board.RaspberryPi.Gpio;
using Gateway.Board.RaspberryPi.Interop;
using Gateway.Board.RaspberryPi.Spi;
using Gateway.Devices.Hal;
using Gateway.Protocol.Desktop.Platform;

namespace Gateway.Board.Tests.RaspberryPi;

/// <summary>What the Linux adapters do without a Pi: refuse clearly, check arguments before any ioctl, map errors.</summary>
public sealed class LinuxAdapterTests
{
    [Fact]
    public void SpidevBus_OpenMissingDevice_ThrowsNamingItAndTheChipSelect()
    {
        var e = Assert.Throws<LinuxErrorException>(() => SpidevBus.Open("/dev/null", "/nonexistent/spidev0.1"));

        Assert.Contains("/nonexistent/spidev0.1", e.Message);
        Assert.Contains("chip select 1", e.Message);
    }

    [Fact]
    public void SpidevBus_OpenMissingSpidev_SuggestsSpiOnAndIsASetupError()
    {
        var e = Assert.Throws<LinuxErrorException>(() => SpidevBus.Open("/nonexistent/spidev0.0"));

        Assert.Equal(2, e.Errno); // ENOENT
        Assert.Contains("dtparam=spi=on", e.Message);
        Assert.Contains("--spi none --no-eeprom", e.Message);
        Assert.True(PiApp.IsSetupErrno(e.Errno));
    }

    [Fact]
    public void GpioChip_BusyMessage_NamesEachLineAndItsHolder()
    {
        var holders = new[]
        {
            new GpioLineHolder(17, "GPIO17", "pigpio-demo"),
            new GpioLineHolder(16, "GPIO16", ""),
        };

        string message = GpioChip.BusyMessage("/dev/gpiochip0", holders);

        Assert.Contains("line 17 (GPIO17) is held by \"pigpio-demo\"", message);
        Assert.Contains("line 16 (GPIO16) is held by the kernel", message);
        Assert.Contains("--bank0-lines", message);
        Assert.False(PiApp.IsSetupErrno(16)); // EBUSY: may pass, systemd tries again
    }

    [Fact]
    public void GpioChip_BusyMessageWithoutHolders_PointsAtGpioinfo()
    {
        Assert.Contains("gpioinfo", GpioChip.BusyMessage("/dev/gpiochip0", Array.Empty<GpioLineHolder>()));
    }

    [Fact]
    public void GpioChip_ProbeADirectoryOfNonChips_ReportsEachWithItsErrno()
    {
        string dir = Directory.CreateTempSubdirectory("gateway-dev-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "gpiochip10"), "");
            File.WriteAllText(Path.Combine(dir, "gpiochip2"), "");
            File.WriteAllText(Path.Combine(dir, "spidev0.0"), "");

            var probes = GpioChip.Probe(dir);

            Assert.Equal(new[] { "gpiochip2", "gpiochip10" }, probes.Select(p => Path.GetFileName(p.Path)));
            Assert.All(probes, p => Assert.Null(p.Chip));
            Assert.All(probes, p => Assert.Equal(25, p.Errno)); // ENOTTY: the chip-info ioctl on a plain file
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void SpidevBus_TransferOnANonSpiFile_IsControllerFailed()
    {
        using var bus = SpidevBus.Open("/dev/null");

        Assert.Equal(SpiResult.ControllerFailed, bus.Transfer(0, 0, 1_000_000, 8, new byte[4], 0, new byte[4], 0, 4));
    }

    [Fact]
    public void SpidevBus_MalformedArguments_AreAnsweredBeforeAnyIoctl()
    {
        using var bus = SpidevBus.Open("/dev/null");

        Assert.Equal(SpiResult.NoSuchChipSelect, bus.Transfer(1, 0, 1_000_000, 8, new byte[4], 0, new byte[4], 0, 4));
        Assert.Equal(SpiResult.InvalidTransfer, bus.Transfer(0, 4, 1_000_000, 8, new byte[4], 0, new byte[4], 0, 4));
        Assert.Equal(SpiResult.Done, bus.Transfer(0, 0, 1_000_000, 8, new byte[4], 0, new byte[4], 0, 0));
    }

    [Fact]
    public void SpidevBus_AfterDispose_IsControllerFailed()
    {
        var bus = SpidevBus.Open("/dev/null");
        bus.Dispose();

        Assert.Equal(SpiResult.ControllerFailed, bus.Transfer(0, 0, 1_000_000, 8, new byte[1], 0, new byte[1], 0, 1));
    }

    [Theory]
    [InlineData(22, SpiResult.InvalidTransfer)]
    [InlineData(90, SpiResult.InvalidTransfer)]
    [InlineData(5, SpiResult.ControllerFailed)]
    [InlineData(25, SpiResult.ControllerFailed)]
    public void SpidevBus_LinuxErrno_MapsToAResult(int linux, SpiResult expected)
    {
        Assert.Equal(expected, SpidevBus.ResultOf(linux));
    }

    [Fact]
    public void LinuxGpioBank_OpenOnANonChip_ThrowsNamingTheFile()
    {
        var e = Assert.Throws<LinuxErrorException>(() => LinuxGpioBank.Open("/dev/null", new[] { 16, 17 }));

        Assert.Contains("/dev/null", e.Message);
    }

    [Fact]
    public void LinuxGpioBank_OpenMissingChip_ThrowsNamingTheFile()
    {
        var e = Assert.Throws<LinuxErrorException>(() => LinuxGpioBank.Open("/nonexistent/gpiochip9", new[] { 16 }));

        Assert.Contains("/nonexistent/gpiochip9", e.Message);
    }

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { -1, -1 })]
    public void LinuxGpioBank_OpenWithoutPins_IsAnArgumentError(int[] lines)
    {
        Assert.Throws<ArgumentException>(() => LinuxGpioBank.Open("/dev/null", lines));
    }

    [Fact]
    public void GpioChip_DescribeANonChip_Throws()
    {
        var e = Assert.Throws<LinuxErrorException>(() => GpioChip.Describe("/dev/null"));

        Assert.Contains("not a GPIO chip", e.Message);
    }

    [Fact]
    public void Sha256Hmac_Rfc4231Case2_Matches()
    {
        var hmac = new Sha256Hmac(Encoding.ASCII.GetBytes("Jefe"));
        byte[] data = Encoding.ASCII.GetBytes("xxwhat do ya want for nothing?");
        var mac = new byte[34];

        hmac.Compute(data, 2, data.Length - 2, mac, 1);

        Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Convert.ToHexStringLower(mac, 1, 32));
        Assert.Equal(0, mac[0]);
        Assert.Equal(0, mac[33]);
        Assert.DoesNotContain("Jefe", hmac.ToString());
    }

    [Fact]
    public void SystemClock_Read_IsSane()
    {
        var clock = new SystemClock();

        clock.UtcNow(out long seconds, out int ns);

        Assert.True(clock.MonotonicMs >= 0);
        Assert.True(seconds > 1_700_000_000);
        Assert.InRange(ns, 0, 999_999_999);
    }
}
