using System.Runtime.InteropServices;
using Gateway.Transports.Desktop.Interop.Unix;

namespace Gateway.Transports.Desktop.Serial;

/// <summary>Translates errno into <see cref="TransportException"/>, in one place.</summary>
internal static class UnixErrors
{
    internal static TransportError Classify(int errno) => errno switch
    {
        Errno.ENOENT or Errno.ENODEV or Errno.ENXIO or Errno.ENOTDIR => TransportError.NotFound,
        Errno.EACCES or Errno.EPERM or Errno.EROFS => TransportError.AccessDenied,
        Errno.EBUSY or Errno.EAGAIN => TransportError.Busy,
        Errno.ENOTTY or Errno.EISDIR => TransportError.NotATerminal,
        Errno.EIO or Errno.EPIPE or Errno.EBADF => TransportError.Closed,
        _ => TransportError.Other,
    };

    /// <summary>An exception for errno <paramref name="errno"/> met while trying to "<paramref name="action"/>" <paramref name="path"/>.</summary>
    internal static TransportException ToException(int errno, string path, string action)
    {
        TransportError error = Classify(errno);
        string hint = error switch
        {
            TransportError.NotFound => "no such device; check the path and that the adapter is plugged in",
            TransportError.AccessDenied => "permission denied; add the user to the group owning the device (often 'dialout')",
            TransportError.Busy => "the device is in use by another program",
            TransportError.NotATerminal => "not a terminal (tty) device",
            TransportError.Closed => "the other end hung up",
            _ => Marshal.GetPInvokeErrorMessage(errno),
        };
        return new TransportException(error, path, $"Cannot {action} '{path}': {hint} ({Errno.Name(errno)}).", errno);
    }
}
