using System;
using Gateway.Host.Targets;
using Gateway.Transports.Desktop.Serial;

namespace Gateway.Transports.Tests.Targets;

public sealed class TargetUriTests
{
    [Fact]
    public void Parse_SerialWithBaudAndFlow_GivesPathSpeedAndFlow()
    {
        TargetUri uri = TargetUri.Parse("serial:/dev/ttyUSB0?baud=921600&flow=rtscts");

        Assert.Equal(TargetScheme.Serial, uri.Scheme);
        Assert.Equal("/dev/ttyUSB0", uri.DevicePath);
        Assert.Equal(921_600, uri.BaudRate);
        Assert.Equal(SerialFlowControl.RtsCts, uri.FlowControl);
        Assert.Equal(new SerialSettings { BaudRate = 921_600, FlowControl = SerialFlowControl.RtsCts }, uri.ToSerialSettings());
    }

    [Fact]
    public void Parse_SerialWithoutOptions_Defaults115200NoFlowControl()
    {
        TargetUri uri = TargetUri.Parse("serial:/dev/ttyACM0");

        Assert.Equal("/dev/ttyACM0", uri.DevicePath);
        Assert.Equal(115_200, uri.BaudRate);
        Assert.Equal(SerialFlowControl.None, uri.FlowControl);
        Assert.Empty(uri.Options);
    }

    [Theory]
    [InlineData("serial:///dev/ttyGS0", "/dev/ttyGS0")]
    [InlineData("SERIAL:/dev/pts/7", "/dev/pts/7")]
    [InlineData("serial:/dev/serial/by-id/usb-FTDI%20A", "/dev/serial/by-id/usb-FTDI A")]
    public void Parse_SerialSpellings_GiveTheAbsolutePath(string text, string path)
    {
        Assert.Equal(path, TargetUri.Parse(text).DevicePath);
    }

    [Theory]
    [InlineData("xonxoff", SerialFlowControl.XonXoff)]
    [InlineData("NONE", SerialFlowControl.None)]
    [InlineData("RtsCts", SerialFlowControl.RtsCts)]
    public void Parse_FlowValues_CaseInsensitive(string flow, SerialFlowControl expected)
    {
        Assert.Equal(expected, TargetUri.Parse("serial:/dev/ttyS0?flow=" + flow).FlowControl);
    }

    [Theory]
    [InlineData("tcp://board.local:5555", "board.local", 5555)]
    [InlineData("tcp://127.0.0.1:1", "127.0.0.1", 1)]
    [InlineData("tcp://[::1]:65535", "::1", 65535)]
    [InlineData("TCP://gateway-pi:7000/", "gateway-pi", 7000)]
    public void Parse_Tcp_GivesHostAndPort(string text, string host, int port)
    {
        TargetUri uri = TargetUri.Parse(text);

        Assert.Equal(TargetScheme.Tcp, uri.Scheme);
        Assert.Equal(host, uri.Host);
        Assert.Equal(port, uri.Port);
    }

    [Fact]
    public void Parse_EmuWithOptions_TypesAndChecksThem()
    {
        TargetUri uri = TargetUri.Parse("EMU:?Bits=32&quirks=1");

        Assert.Equal(TargetScheme.Emulated, uri.Scheme);
        Assert.Equal(32, uri.Bits);
        Assert.True(uri.Quirks);
        Assert.Equal("32", uri.Options["bits"]);
        Assert.Equal("emu:?bits=32&quirks=1", uri.ToString());
    }

    [Fact]
    public void Parse_LinkEmuWithEveryOption_TypesThem()
    {
        TargetUri uri = TargetUri.Parse("Link+Emu:?faults=0.01&seed=7&reset-after=25&bits=64");

        Assert.Equal(TargetScheme.LinkEmulated, uri.Scheme);
        Assert.Equal(0.01, uri.FaultRate);
        Assert.Equal(7, uri.Seed);
        Assert.Equal(25L, uri.ResetAfter);
        Assert.Equal(64, uri.Bits);
        Assert.Null(uri.Quirks);
    }

    [Theory]
    [InlineData("emu:?future=x", TargetUriError.UnknownOption)]
    [InlineData("emu:?faults=0.01&seed=1", TargetUriError.UnknownOption)]
    [InlineData("pty:?reset-after=3", TargetUriError.UnknownOption)]
    [InlineData("emu:?bits=16", TargetUriError.InvalidOptionValue)]
    [InlineData("pty:?quirks=yes", TargetUriError.InvalidOptionValue)]
    [InlineData("link+emu:?faults=0.5", TargetUriError.InvalidOptionValue)]
    [InlineData("link+emu:?seed=x", TargetUriError.InvalidOptionValue)]
    [InlineData("link+emu:?reset-after=0", TargetUriError.InvalidOptionValue)]
    public void Parse_EmulatedOptionOutOfTheTable_IsRefusedWithItsReason(string text, TargetUriError error)
    {
        TargetUriException e = Assert.Throws<TargetUriException>(() => TargetUri.Parse(text));
        Assert.Equal(error, e.Error);
        Assert.StartsWith($"'{text}': ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmuWithALinkOption_PointsAtLinkEmu()
    {
        TargetUriException e = Assert.Throws<TargetUriException>(() => TargetUri.Parse("emu:?faults=0.01"));
        Assert.Contains("faults=RATE is taken by link+emu: only, not emu:", e.Message, StringComparison.Ordinal); // the help's words
    }

    [Theory]
    [InlineData("emu:", TargetScheme.Emulated)]
    [InlineData("pty:", TargetScheme.Pty)]
    [InlineData("pty:?bits=32", TargetScheme.Pty)]
    public void Parse_EmulatedTargets_GiveTheirScheme(string text, TargetScheme scheme)
    {
        Assert.Equal(scheme, TargetUri.Parse(text).Scheme);
    }

    [Theory]
    [InlineData("serial:/dev/ttyUSB0?baud=921600&flow=rtscts")]
    [InlineData("tcp://board.local:5555")]
    [InlineData("tcp://[::1]:5555")]
    [InlineData("emu:?bits=32&quirks=1")]
    [InlineData("pty:")]
    public void ToString_CanonicalText_RoundTrips(string text)
    {
        Assert.Equal(text, TargetUri.Parse(text).ToString());
    }

    [Theory]
    [InlineData("", TargetUriError.Empty)]
    [InlineData("   ", TargetUriError.Empty)]
    [InlineData(null, TargetUriError.Empty)]
    [InlineData("/dev/ttyUSB0", TargetUriError.MissingScheme)]
    [InlineData(":foo", TargetUriError.MissingScheme)]
    [InlineData("udp://host:1", TargetUriError.UnknownScheme)]
    [InlineData("serial:", TargetUriError.MissingDevicePath)]
    [InlineData("serial:?baud=9600", TargetUriError.MissingDevicePath)]
    [InlineData("serial:ttyUSB0", TargetUriError.RelativeDevicePath)]
    [InlineData("serial://dev/ttyUSB0", TargetUriError.RelativeDevicePath)]
    [InlineData("serial:/dev/ttyUSB0?baud=12345", TargetUriError.InvalidBaudRate)]
    [InlineData("serial:/dev/ttyUSB0?baud=fast", TargetUriError.InvalidBaudRate)]
    [InlineData("serial:/dev/ttyUSB0?baud=-9600", TargetUriError.InvalidBaudRate)]
    [InlineData("serial:/dev/ttyUSB0?baud=4000000", TargetUriError.InvalidBaudRate)]
    [InlineData("serial:/dev/ttyUSB0?flow=dtrdsr", TargetUriError.InvalidFlowControl)]
    [InlineData("serial:/dev/ttyUSB0?speed=9600", TargetUriError.UnknownOption)]
    [InlineData("serial:/dev/ttyUSB0?baud=9600&baud=19200", TargetUriError.DuplicateOption)]
    [InlineData("serial:/dev/ttyUSB0?baud", TargetUriError.MalformedOption)]
    [InlineData("serial:/dev/ttyUSB0?=9600", TargetUriError.MalformedOption)]
    [InlineData("emu:?bits=32&&quirks=1", TargetUriError.MalformedOption)]
    [InlineData("tcp:host:5555", TargetUriError.MissingHost)]
    [InlineData("tcp://", TargetUriError.MissingHost)]
    [InlineData("tcp://:5555", TargetUriError.MissingHost)]
    [InlineData("tcp://board", TargetUriError.MissingPort)]
    [InlineData("tcp://[::1]", TargetUriError.MissingPort)]
    [InlineData("tcp://board:0", TargetUriError.InvalidPort)]
    [InlineData("tcp://board:65536", TargetUriError.InvalidPort)]
    [InlineData("tcp://board:http", TargetUriError.InvalidPort)]
    [InlineData("tcp://board:", TargetUriError.InvalidPort)]
    [InlineData("tcp://::1:5555", TargetUriError.InvalidHost)]
    [InlineData("tcp://[board]:5555", TargetUriError.InvalidHost)]
    [InlineData("tcp://bo ard:5555", TargetUriError.InvalidHost)]
    [InlineData("tcp://board:5555/path", TargetUriError.UnexpectedPath)]
    [InlineData("tcp://board:5555?nodelay=0", TargetUriError.UnknownOption)]
    [InlineData("emu:board", TargetUriError.UnexpectedPath)]
    [InlineData("pty://x", TargetUriError.UnexpectedPath)]
    public void Parse_Malformed_ThrowsTheMatchingErrorQuotingTheInput(string? text, TargetUriError error)
    {
        var e = Assert.Throws<TargetUriException>(() => TargetUri.Parse(text));

        Assert.Equal(error, e.Error);
        Assert.Equal(text ?? string.Empty, e.Input);
        if (!string.IsNullOrWhiteSpace(text))
        {
            Assert.Contains(text, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TryParse_Malformed_ReturnsFalseWithTheError()
    {
        bool ok = TargetUri.TryParse("tcp://board", out TargetUri? uri, out TargetUriException? error);

        Assert.False(ok);
        Assert.Null(uri);
        Assert.Equal(TargetUriError.MissingPort, error!.Error);
    }

    [Fact]
    public void TryParse_Valid_ReturnsTheUri()
    {
        bool ok = TargetUri.TryParse("pty:?quirks=1", out TargetUri? uri, out TargetUriException? error);

        Assert.True(ok);
        Assert.Null(error);
        Assert.Equal("1", uri!.Options["quirks"]);
    }

    [Fact]
    public void ToSerialSettings_TcpTarget_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => TargetUri.Parse("tcp://board:1").ToSerialSettings());
    }
}
