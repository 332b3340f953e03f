using System;
using System.IO;
using Gateway.Transports.Desktop.Interop.Unix;

namespace Gateway.Transports.Desktop.Serial.Ports;

/// <summary>
/// Translates what System.IO.Ports throws while opening a port into <see cref="TransportException"/>, in one place.
/// On Unix its IOException carries the errno as HResult (the values 1–34 this reads are the same on Linux and macOS),
/// and every failed open(2)/TIOCEXCL is an UnauthorizedAccessException around such an IOException (to match Windows);
/// on Windows a port another program holds is an UnauthorizedAccessException.
/// </summary>
internal static class PortsErrors
{
    private const int HighestPortableErrno = 34;

    internal static TransportException OnOpen(Exception e, string path, int baudRate)
    {
        if (!OperatingSystem.IsWindows() && e is UnauthorizedAccessException { InnerException: IOException inner })
        {
            e = inner; // the errno of open(2) or of TIOCEXCL
        }
        switch (e)
        {
            case FileNotFoundException or DirectoryNotFoundException:
                return Make(TransportError.NotFound, path, "no such port; check the name and that the adapter is plugged in", e);
            case UnauthorizedAccessException when OperatingSystem.IsWindows():
                return Make(TransportError.Busy, path, "the port is in use by another program, or access is denied", e);
            case UnauthorizedAccessException:
                return Make(TransportError.AccessDenied, path, "permission denied; add the user to the group owning the device (often 'dialout')", e);
            case ArgumentException:
                // System.IO.Ports refuses a name that is no serial port, and on Unix says so when tcgetattr fails.
                return Make(TransportError.NotATerminal, path, "not a serial port (tty) device", e);
            case IOException io when !OperatingSystem.IsWindows() && io.HResult is > 0 and <= HighestPortableErrno:
                int errno = io.HResult;
                TransportError error = errno == Errno.EINVAL ? TransportError.UnsupportedBaudRate : UnixErrors.Classify(errno);
                string reason = error switch
                {
                    TransportError.UnsupportedBaudRate => $"the OS refused {baudRate} baud",
                    TransportError.NotFound => "no such port; check the name and that the adapter is plugged in",
                    TransportError.AccessDenied => "permission denied; add the user to the group owning the device (often 'dialout')",
                    TransportError.Busy => "the device is in use by another program",
                    TransportError.NotATerminal => "not a serial port (tty) device",
                    _ => io.Message,
                };
                return new TransportException(error, path, $"Cannot open '{path}': {reason} ({Errno.Name(errno)}; {io.Message}).", errno, e);
            default:
                return Make(TransportError.Other, path, e.Message, e);
        }
    }

    private static TransportException Make(TransportError error, string path, string reason, Exception e) =>
        new(error, path, $"Cannot open '{path}': {reason} ({e.Message}).", 0, e);
}
