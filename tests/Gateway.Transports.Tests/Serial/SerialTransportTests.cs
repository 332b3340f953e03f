using System;
using Gateway.Transports.Desktop.Serial;

namespace Gateway.Transports.Tests.Serial;

/// <summary>The one place that picks a serial implementation by OS.</summary>
public sealed class SerialTransportTests
{
    [Fact]
    public void Resolve_Auto_TermiosOnLinuxPortsElsewhere()
    {
        SerialImplementation expected = OperatingSystem.IsLinux() ? SerialImplementation.Termios : SerialImplementation.Ports;

        Assert.Equal(expected, SerialTransport.Resolve(SerialImplementation.Auto));
    }

    [Theory]
    [InlineData(SerialImplementation.Termios)]
    [InlineData(SerialImplementation.Ports)]
    public void Resolve_Forced_IsKept(SerialImplementation forced)
    {
        Assert.Equal(forced, SerialTransport.Resolve(forced));
    }

    [Fact]
    public void Capabilities_Termios_HasEveryOne()
    {
        const SerialCapabilities all = SerialCapabilities.ExclusiveEvenForRoot | SerialCapabilities.SharedOpen
            | SerialCapabilities.SpeedReadBack | SerialCapabilities.EventDrivenWaits | SerialCapabilities.AnyBaudRate;

        Assert.Equal(all, SerialTransport.Capabilities(SerialImplementation.Termios));
    }

    [Fact]
    public void Capabilities_PortsOnLinux_NamesWhatItLacks()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.NotEqual(SerialCapabilities.None, SerialTransport.Capabilities(SerialImplementation.Ports) & SerialCapabilities.AnyBaudRate);
            return;
        }

        Assert.Equal(SerialCapabilities.None, SerialTransport.Capabilities(SerialImplementation.Ports));
    }
}
