using System.Runtime.InteropServices;

namespace Gateway.Transports.Desktop.Interop.Unix;

/// <summary>
/// <c>struct pollfd</c> (poll.h): int fd at 0, short events at 4, short revents at 6; 8 bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    public int fd;
    public short events;
    public short revents;
}

/// <summary>poll event bits, open/eventfd/flock flags (Linux generic values).</summary>
internal static class FileConstants
{
    internal const short POLLIN = 0x001;
    internal const short POLLOUT = 0x004;
    internal const short POLLERR = 0x008;
    internal const short POLLHUP = 0x010;
    internal const short POLLNVAL = 0x020;

    internal const int O_RDWR = 0x0002;
    internal const int O_NOCTTY = 0x0100;     // 0400 octal
    internal const int O_NONBLOCK = 0x0800;   // 04000 octal
    internal const int O_CLOEXEC = 0x80000;   // 02000000 octal

    internal const int EFD_NONBLOCK = O_NONBLOCK;
    internal const int EFD_CLOEXEC = O_CLOEXEC;

    internal const int LOCK_EX = 2;
    internal const int LOCK_NB = 4;
    internal const int LOCK_UN = 8;

    // ioctl requests (asm-generic/ioctls.h), int* argument: set or clear O_NONBLOCK; bytes queued for reading.
    internal const nuint FIONBIO = 0x5421;
    internal const nuint FIONREAD = 0x541B;
}
