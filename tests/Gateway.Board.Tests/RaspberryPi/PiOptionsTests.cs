using Gateway.Board.RaspberryPi;

namespace Gateway.Board.Tests.RaspberryPi;

public sealed class PiOptionsTests
{
    [Fact]
    public void TryParse_NoArguments_GivesTheBoardFolderDefaults()
    {
        Assert.True(PiOptions.TryParse(new string[0], out var o, out _));

        Assert.Equal(PiModel.Pi4, o.Model);
        Assert.Equal("auto", o.GpioChip);
        Assert.Equal(new[] { 5, 6, 12, 13, 16, 17, 22, 23 }, o.Bank0Lines);
        Assert.Equal(new[] { "/dev/spidev0.0", "/dev/spidev0.1" }, o.SpiDevices);
        Assert.Equal("/etc/gateway/board.key", o.KeyFile);
        Assert.Null(o.SerialPath);
        Assert.Equal(7447, o.TcpPort);
        Assert.Equal(921_600, o.Baud);
        Assert.True(o.LoopbackWire);
        Assert.True(o.Eeprom);
    }

    [Fact]
    public void TryParse_EveryOption_IsTaken()
    {
        string[] args =
        {
            "--model", "pi5", "--gpiochip=/dev/gpiochip4", "--bank0-lines", "5,-,12", "--spi", "/dev/spidev0.0",
            "--key-file", "/run/key", "--serial", "/dev/ttyGS0", "--baud", "115200", "--no-loopback", "--no-eeprom",
        };

        Assert.True(PiOptions.TryParse(args, out var o, out string? error), error);

        Assert.Equal(PiModel.Pi5, o.Model);
        Assert.Equal("/dev/gpiochip4", o.GpioChip);
        Assert.Equal(new[] { 5, -1, 12 }, o.Bank0Lines);
        Assert.Equal(new[] { "/dev/spidev0.0" }, o.SpiDevices);
        Assert.Equal("/run/key", o.KeyFile);
        Assert.Equal("/dev/ttyGS0", o.SerialPath);
        Assert.Equal(115_200, o.Baud);
        Assert.False(o.LoopbackWire);
        Assert.False(o.Eeprom);
    }

    [Theory]
    [InlineData("7000", "0.0.0.0", 7000)]
    [InlineData("127.0.0.1:7001", "127.0.0.1", 7001)]
    [InlineData(":7002", "0.0.0.0", 7002)]
    [InlineData("[::1]:7003", "::1", 7003)]
    public void TryParse_Tcp_TakesHostAndPort(string value, string host, int port)
    {
        Assert.True(PiOptions.TryParse(new[] { "--tcp", value }, out var o, out _));

        Assert.Equal(host, o.TcpHost);
        Assert.Equal(port, o.TcpPort);
    }

    [Theory]
    [InlineData("--model", "pi3", "--model")]
    [InlineData("--tcp", "70000", "--tcp")]
    [InlineData("--baud", "-5", "--baud")]
    [InlineData("--gpiochip", "gpiochip0", "--gpiochip")]
    [InlineData("--bank0-lines", "5,5", "used twice")]
    [InlineData("--bank0-lines", "-,-", "at least one")]
    [InlineData("--bank0-lines", "5,x", "pin 1")]
    [InlineData("--frobnicate", "1", "unknown option --frobnicate")]
    public void TryParse_BadValue_NamesTheOption(string option, string value, string expected)
    {
        Assert.False(PiOptions.TryParse(new[] { option, value }, out _, out string? error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void TryParse_MissingValue_IsAnError()
    {
        Assert.False(PiOptions.TryParse(new[] { "--key-file" }, out _, out string? error));
        Assert.Contains("--key-file", error);
    }

    [Fact]
    public void TryParse_SerialAndTcp_ServesBoth()
    {
        Assert.True(PiOptions.TryParse(new[] { "--serial", "/dev/ttyGS0", "--tcp", "7000" }, out var o, out string? error), error);

        Assert.Equal("/dev/ttyGS0", o.SerialPath);
        Assert.True(o.TcpEnabled);
        Assert.Equal(7000, o.TcpPort);
    }

    [Fact]
    public void TryParse_SerialOnly_ServesNoTcp()
    {
        Assert.True(PiOptions.TryParse(new[] { "--serial", "/dev/ttyAMA0" }, out var o, out _));

        Assert.False(o.TcpEnabled);
    }

    [Fact]
    public void TryParse_NoLink_ServesTcpOnTheDefaultPort()
    {
        Assert.True(PiOptions.TryParse(new string[0], out var o, out _));

        Assert.True(o.TcpEnabled);
        Assert.Equal("0.0.0.0", o.TcpHost);
    }

    [Theory]
    [InlineData("5,6,12,13,16")]
    [InlineData("5,6,12,13,-,17")]
    [InlineData("5,6,12,13,16,-,22")]
    public void TryParse_LoopbackWithoutBank0Pins4And5_NamesTheFix(string lines)
    {
        Assert.False(PiOptions.TryParse(new[] { "--bank0-lines", lines }, out _, out string? error));

        Assert.Contains("--no-loopback", error);
    }

    [Fact]
    public void TryParse_FewerPinsWithNoLoopback_IsTaken()
    {
        Assert.True(PiOptions.TryParse(new[] { "--bank0-lines", "5,6", "--no-loopback" }, out var o, out string? error), error);

        Assert.Equal(new[] { 5, 6 }, o.Bank0Lines);
    }

    [Fact]
    public void TryParse_SpiNoneWithTheEeprom_NamesTheFix()
    {
        Assert.False(PiOptions.TryParse(new[] { "--spi", "none" }, out _, out string? error));

        Assert.Contains("--no-eeprom", error);
    }

    [Fact]
    public void TryParse_SpiNoneAndNoEeprom_HasNoSpiDevices()
    {
        Assert.True(PiOptions.TryParse(new[] { "--spi", "none", "--no-eeprom" }, out var o, out string? error), error);

        Assert.Empty(o.SpiDevices);
    }

    [Fact]
    public void TryParse_NonStandardBaud_IsLeftToTheTtyDriver()
    {
        // Any positive rate parses; the tty's driver accepts or refuses it when the port opens (termios2 on Linux).
        Assert.True(PiOptions.TryParse(new[] { "--baud", "250000" }, out var o, out string? error), error);

        Assert.Equal(250_000, o.Baud);
    }

    [Theory]
    [InlineData("--tcp", "raspberrypi.local:7447", "IP address")]
    public void TryParse_ValueOfTheRightFormButNotUsable_IsRefused(string option, string value, string expected)
    {
        Assert.False(PiOptions.TryParse(new[] { option, value }, out _, out string? error));

        Assert.Contains(expected, error);
    }

    [Fact]
    public void TryParse_Help_IsNoted()
    {
        Assert.True(PiOptions.TryParse(new[] { "-h" }, out var o, out _));
        Assert.True(o.Help);
        Assert.Contains("--key-file", PiOptions.Usage);
    }
}
