namespace Gateway.Host.Targets;

/// <summary>Why a target URI was refused; the identity of a <see cref="TargetUriException"/>.</summary>
public enum TargetUriError
{
    /// <summary>Nothing was given.</summary>
    Empty = 1,

    /// <summary>No <c>scheme:</c> at the start.</summary>
    MissingScheme,

    /// <summary>A scheme other than emu, link+emu, pty, serial, tcp.</summary>
    UnknownScheme,

    /// <summary><c>serial:</c> without a device path.</summary>
    MissingDevicePath,

    /// <summary>A serial device path that does not start with '/'.</summary>
    RelativeDevicePath,

    /// <summary><c>tcp:</c> without <c>//host</c>.</summary>
    MissingHost,

    /// <summary>A host that is not a DNS name, an IPv4 address or a bracketed IPv6 address.</summary>
    InvalidHost,

    /// <summary><c>tcp://host</c> without <c>:port</c>.</summary>
    MissingPort,

    /// <summary>A port that is not a number from 1 to 65535.</summary>
    InvalidPort,

    /// <summary>A path where the scheme takes none (emu:, link+emu:, pty:, after tcp://host:port).</summary>
    UnexpectedPath,

    /// <summary>An option that is not <c>name=value</c>.</summary>
    MalformedOption,

    /// <summary>The same option twice.</summary>
    DuplicateOption,

    /// <summary>An option the scheme does not take.</summary>
    UnknownOption,

    /// <summary>A <c>baud</c> that is not a positive whole number.</summary>
    InvalidBaudRate,

    /// <summary>A <c>flow</c> other than none, rtscts, xonxoff.</summary>
    InvalidFlowControl,

    /// <summary>An <c>impl</c> other than termios, ports.</summary>
    InvalidSerialImplementation,

    /// <summary>An option of the emulated board's (<c>bits</c>, <c>quirks</c>, <c>faults</c>, <c>seed</c>, <c>reset-after</c>) with a value it does not take.</summary>
    InvalidOptionValue,
}
