using System.Runtime.InteropServices;

namespace Gateway.Transports.Desktop.Interop.Unix;

/// <summary>
/// The glibc entry points the Linux transports use, under their C names. Every call that can fail sets
/// errno (read it with <see cref="Marshal.GetLastPInvokeError"/>). Linux only: the constants and structure
/// layouts in this folder are those of Linux on x86_64 and arm64 (and 32-bit arm, where they coincide).
/// </summary>
internal static unsafe partial class Libc
{
    private const string Library = "libc";

    // <fcntl.h>, <unistd.h>

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int open(string pathname, int flags);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    internal static partial int close(int fd);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    internal static partial nint read(int fd, byte* buf, nint count);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    internal static partial nint write(int fd, byte* buf, nint count);

    [LibraryImport(Library, EntryPoint = "isatty", SetLastError = true)]
    internal static partial int isatty(int fd);

    // <poll.h>

    [LibraryImport(Library, EntryPoint = "poll", SetLastError = true)]
    internal static partial int poll(PollFd* fds, nuint nfds, int timeout);

    // <sys/eventfd.h>

    [LibraryImport(Library, EntryPoint = "eventfd", SetLastError = true)]
    internal static partial int eventfd(uint initval, int flags);

    // <sys/file.h>

    [LibraryImport(Library, EntryPoint = "flock", SetLastError = true)]
    internal static partial int flock(int fd, int operation);

    // <sys/ioctl.h>: int ioctl(int fd, unsigned long request, ...); the one variadic argument is a pointer.

    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int ioctl(int fd, nuint request, void* argp);

    // <termios.h>

    [LibraryImport(Library, EntryPoint = "tcgetattr", SetLastError = true)]
    internal static partial int tcgetattr(int fd, Termios* termios_p);

    [LibraryImport(Library, EntryPoint = "tcsetattr", SetLastError = true)]
    internal static partial int tcsetattr(int fd, int optional_actions, Termios* termios_p);

    [LibraryImport(Library, EntryPoint = "cfmakeraw")]
    internal static partial void cfmakeraw(Termios* termios_p);

    [LibraryImport(Library, EntryPoint = "cfsetispeed", SetLastError = true)]
    internal static partial int cfsetispeed(Termios* termios_p, uint speed);

    [LibraryImport(Library, EntryPoint = "cfsetospeed", SetLastError = true)]
    internal static partial int cfsetospeed(Termios* termios_p, uint speed);

    [LibraryImport(Library, EntryPoint = "cfgetospeed")]
    internal static partial uint cfgetospeed(Termios* termios_p);

    [LibraryImport(Library, EntryPoint = "tcflush", SetLastError = true)]
    internal static partial int tcflush(int fd, int queue_selector);

    // <stdlib.h>: pseudo-terminal masters (Unix 98 ptys through /dev/ptmx)

    [LibraryImport(Library, EntryPoint = "posix_openpt", SetLastError = true)]
    internal static partial int posix_openpt(int flags);

    [LibraryImport(Library, EntryPoint = "grantpt", SetLastError = true)]
    internal static partial int grantpt(int fd);

    [LibraryImport(Library, EntryPoint = "unlockpt", SetLastError = true)]
    internal static partial int unlockpt(int fd);

    /// <summary>Returns 0 on success or an errno value (it does not set errno).</summary>
    [LibraryImport(Library, EntryPoint = "ptsname_r")]
    internal static partial int ptsname_r(int fd, byte* buf, nuint buflen);
}
