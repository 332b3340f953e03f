namespace Gateway.Transports.Desktop;

/// <summary>What went wrong with a transport; the identity of a <see cref="TransportException"/>.</summary>
public enum TransportError
{
    /// <summary>Any other operating-system error (see <see cref="TransportException.Errno"/>).</summary>
    Other = 0,

    /// <summary>The device path does not exist (ENOENT, ENODEV, ENXIO).</summary>
    NotFound,

    /// <summary>No permission to open the device (EACCES, EPERM): e.g. not in the <c>dialout</c> group.</summary>
    AccessDenied,

    /// <summary>The device is in use by another program (EBUSY, or another process holds the lock).</summary>
    Busy,

    /// <summary>The path is not a terminal (ENOTTY): a regular file, a directory, a socket.</summary>
    NotATerminal,

    /// <summary>The baud rate is not one the project maps, or the driver refused it.</summary>
    UnsupportedBaudRate,

    /// <summary>The stream was closed, locally or by the peer (hang-up).</summary>
    Closed,

    /// <summary>A TCP connection was refused by the peer.</summary>
    ConnectionRefused,

    /// <summary>A TCP host name did not resolve.</summary>
    HostNotFound,

    /// <summary>A TCP host or network could not be reached, or the attempt timed out.</summary>
    Unreachable,

    /// <summary>The transport is not available on this operating system (serial ttys off Linux).</summary>
    NotSupportedOnPlatform,
}
