using System;
using Gateway.Transports.Desktop.Serial;
using Gateway.Host.Targets;

namespace Gateway.Transports.Tests.Targets;

public sealed class TransportUriTests
{
    [Fact]
    public void Parse_SerialWithBaudAndFlow_GivesPathSpeedAndFlow()
    {
        TransportUri uri = TransportUri.Parse("serial:/dev/ttyUSB0?baud=921600&flow=rtscts");

        Assert.Equal(TransportScheme.Serial, uri.Scheme);
        Assert.Equal("/dev/ttyUSB0", uri.DevicePath);
        Assert.Equal(921_600, uri.BaudRate);
        Assert.Equal(SerialFlowControl.RtsCts, uri.FlowControl);
        Assert.Equal(new SerialSettings { BaudRate = 921_600, FlowControl = SerialFlowControl.RtsCts }, uri.ToSerialSettings());
    }

    [Fact]
    public void Parse_SerialWithoutOptions_Defaults115200NoFlowControl()
    {
        TransportUri uri = TransportUri.Parse("serial:/dev/ttyACM0");

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
        Assert.Equal(path, TransportUri.Parse(text).DevicePath);
    }

    [Theory]
    [InlineData("xonxoff", SerialFlowControl.XonXoff)]
    [InlineData("NONE", SerialFlowControl.None)]
    [InlineData("RtsCts", SerialFlowControl.RtsCts)]
    public void Parse_FlowValues_CaseInsensitive(string flow, SerialFlowControl expected)
    {
        Assert.Equal(expected, TransportUri.Parse("serial:/dev/ttyS0?flow=" + flow).FlowControl);
    }

    [Theory]
    [InlineData("tcp://board.local:5555", "board.local", 5555)]
    [InlineData("tcp://127.0.0.1:1", "127.0.0.1", 1)]
    [InlineData("tcp://[::1]:65535", "::1", 65535)]
    [InlineData("TCP://gateway-pi:7000/", "gateway-pi", 7000)]
    public void Parse_Tcp_GivesHostAndPort(string text, string host, int port)
    {
        TransportUri uri = TransportUri.Parse(text);

        Assert.Equal(TransportScheme.Tcp, uri.Scheme);
        Assert.Equal(host, uri.Host);
        Assert.Equal(port, uri.Port);
    }

    [Fact]
    public void Parse_EmuWithOptions_CarriesThemUninterpreted()
    {
        TransportUri uri = TransportUri.Parse("emu:?bits=32&quirks=1&Future=x%26y");

        Assert.Equal(TransportScheme.Emulated, uri.Scheme);
        Assert.Equal(3, uri.Options.Count);
        Assert.Equal("32", uri.Options["bits"]);
        Assert.Equal("1", uri.Options["quirks"]);
        Assert.Equal("x&y", uri.Options["future"]);
    }

    [Theory]
    [InlineData("emu:", TransportScheme.Emulated)]
    [InlineData("pty:", TransportScheme.Pty)]
    [InlineData("pty:?bits=32", TransportScheme.Pty)]
    public void Parse_EmulatedTargets_GiveTheirScheme(string text, TransportScheme scheme)
    {
        Assert.Equal(scheme, TransportUri.Parse(text).Scheme);
    }

    [Theory]
    [InlineData("serial:/dev/ttyUSB0?baud=921600&flow=rtscts")]
    [InlineData("tcp://board.local:5555")]
    [InlineData("tcp://[::1]:5555")]
    [InlineData("emu:?bits=32&quirks=1")]
    [InlineData("pty:")]
    public void ToString_CanonicalText_RoundTrips(string text)
    {
        Assert.Equal(text, TransportUri.Parse(text).ToString());
    }

    [Theory]
    [InlineData("", TransportUriError.Empty)]
    [InlineData("   ", TransportUriError.Empty)]
    [InlineData(null, TransportUriError.Empty)]
    [InlineData("/dev/ttyUSB0", TransportUriError.MissingScheme)]
    [InlineData(":foo", TransportUriError.MissingScheme)]
    [InlineData("udp://host:1", TransportUriError.UnknownScheme)]
    [InlineData("serial:", TransportUriError.MissingDevicePath)]
    [InlineData("serial:?baud=9600", TransportUriError.MissingDevicePath)]
    [InlineData("serial:ttyUSB0", TransportUriError.RelativeDevicePath)]
    [InlineData("serial://dev/ttyUSB0", TransportUriError.RelativeDevicePath)]
    [InlineData("serial:/dev/ttyUSB0?baud=12345", TransportUriError.InvalidBaudRate)]
    [InlineData("serial:/dev/ttyUSB0?baud=fast", TransportUriError.InvalidBaudRate)]
    [InlineData("serial:/dev/ttyUSB0?baud=-9600", TransportUriError.InvalidBaudRate)]
    [InlineData("serial:/dev/ttyUSB0?baud=4000000", TransportUriError.InvalidBaudRate)]
    [InlineData("serial:/dev/ttyUSB0?flow=dtrdsr", TransportUriError.InvalidFlowControl)]
    [InlineData("serial:/dev/ttyUSB0?speed=9600", TransportUriError.UnknownOption)]
    [InlineData("serial:/dev/ttyUSB0?baud=9600&baud=19200", TransportUriError.DuplicateOption)]
    [InlineData("serial:/dev/ttyUSB0?baud", TransportUriError.MalformedOption)]
    [InlineData("serial:/dev/ttyUSB0?=9600", TransportUriError.MalformedOption)]
    [InlineData("emu:?bits=32&&quirks=1", TransportUriError.MalformedOption)]
    [InlineData("tcp:host:5555", TransportUriError.MissingHost)]
    [InlineData("tcp://", TransportUriError.MissingHost)]
    [InlineData("tcp://:5555", TransportUriError.MissingHost)]
    [InlineData("tcp://board", TransportUriError.MissingPort)]
    [InlineData("tcp://[::1]", TransportUriError.MissingPort)]
    [InlineData("tcp://board:0", TransportUriError.InvalidPort)]
    [InlineData("tcp://board:65536", TransportUriError.InvalidPort)]
    [InlineData("tcp://board:http", TransportUriError.InvalidPort)]
    [InlineData("tcp://board:", TransportUriError.InvalidPort)]
    [InlineData("tcp://::1:5555", TransportUriError.InvalidHost)]
    [InlineData("tcp://[board]:5555", TransportUriError.InvalidHost)]
    [InlineData("tcp://bo ard:5555", TransportUriError.InvalidHost)]
    [InlineData("tcp://board:5555/path", TransportUriError.UnexpectedPath)]
    [InlineData("tcp://board:5555?nodelay=0", TransportUriError.UnknownOption)]
    [InlineData("emu:board", TransportUriError.UnexpectedPath)]
    [InlineData("pty://x", TransportUriError.UnexpectedPath)]
    public void Parse_Malformed_ThrowsTheMatchingErrorQuotingTheInput(string? text, TransportUriError error)
    {
        var e = Assert.Throws<TransportUriException>(() => TransportUri.Parse(text));

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
        bool ok = TransportUri.TryParse("tcp://board", out TransportUri? uri, out TransportUriException? error);

        Assert.False(ok);
        Assert.Null(uri);
        Assert.Equal(TransportUriError.MissingPort, error!.Error);
    }

    [Fact]
    public void TryParse_Valid_ReturnsTheUri()
    {
        bool ok = TransportUri.TryParse("pty:?quirks=1", out TransportUri? uri, out TransportUriException? error);

        Assert.True(ok);
        Assert.Null(error);
        Assert.Equal("1", uri!.Options["quirks"]);
    }

    [Fact]
    public void ToSerialSettings_TcpTarget_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => TransportUri.Parse("tcp://board:1").ToSerialSettings());
    }
}
