using System;
using System.IO;
using Gateway.Transports.Desktop;
using Gateway.Transports.Desktop.Serial;

namespace Gateway.Transports.Tests.Serial;

/// <summary>
/// The USB gadget rule: u_serial (/dev/ttyGS*) has no set_termios, so its speed reads back as 9600 whatever is
/// asked; such a port is not refused for it, every other tty is.
/// </summary>
public sealed class UsbGadgetSerialTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("gateway-gadget-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Theory]
    [InlineData("/dev/ttyGS0", true)]
    [InlineData("/dev/ttyGS12", true)]
    [InlineData("ttyGS1", true)]
    [InlineData("/dev/ttyGS", false)]
    [InlineData("/dev/ttyGSx", false)]
    [InlineData("/dev/ttyGS0a", false)]
    [InlineData("/dev/ttyAMA0", false)]
    [InlineData("/dev/ttyACM0", false)]
    [InlineData("/dev/ttyS0", false)]
    public void IsGadgetTty_ByKernelName_OnlyTtyGsAndANumber(string path, bool gadget)
    {
        Assert.Equal(gadget, UsbGadgetSerial.IsGadgetTty(path));
    }

    [Fact]
    public void IsGadgetTty_SymlinkToTtyGs_FollowsTheLink()
    {
        string alias = Path.Combine(dir, "gateway-link");
        File.CreateSymbolicLink(alias, "/dev/ttyGS0");

        Assert.True(UsbGadgetSerial.IsGadgetTty(alias));
    }

    [Fact]
    public void IsGadgetTty_SymlinkToAUart_IsNotAGadget()
    {
        string alias = Path.Combine(dir, "serial0");
        File.CreateSymbolicLink(alias, "/dev/ttyAMA0");

        Assert.False(UsbGadgetSerial.IsGadgetTty(alias));
    }

    [Fact]
    public void SpeedRefusal_GadgetKept9600_IsAccepted()
    {
        Assert.Null(TerminalAttributes.SpeedRefusal("/dev/ttyGS0", 921_600, 9_600));
    }

    [Fact]
    public void SpeedRefusal_UartKept9600_IsRefusedNamingTheSpeed()
    {
        TransportException? e = TerminalAttributes.SpeedRefusal("/dev/ttyAMA0", 921_600, 9_600);

        Assert.NotNull(e);
        Assert.Equal(TransportError.UnsupportedBaudRate, e!.Error);
        Assert.Contains("kept 9600 baud", e.Message);
    }

    [Fact]
    public void SpeedRefusal_SpeedKept_IsAccepted()
    {
        Assert.Null(TerminalAttributes.SpeedRefusal("/dev/ttyAMA0", 115_200, 115_200));
    }
}
