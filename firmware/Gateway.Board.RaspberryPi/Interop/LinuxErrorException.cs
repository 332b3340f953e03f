using System.IO;

namespace Gateway.Board.RaspberryPi.Interop;

/// <summary>
/// A Linux call on a device failed: the message names the device and the reason (and, where there is one, the
/// fix); <see cref="Errno"/> keeps the errno so the app can tell a setup to fix (ENOENT, EACCES: exit 3, no
/// restart) from a passing condition (EBUSY: exit 1, systemd tries again).
/// </summary>
public sealed class LinuxErrorException : IOException
{
    public LinuxErrorException(int errno, string message)
        : base(message)
    {
        Errno = errno;
    }

    public int Errno { get; }
}
