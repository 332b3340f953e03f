using System.Runtime.InteropServices;

namespace Gateway.Board.RaspberryPi.Interop;

/// <summary>The few libc calls the Linux adapters need, under their C names.</summary>
internal static unsafe partial class Libc
{
    public const int O_RDONLY = 0x0000;
    public const int O_RDWR = 0x0002;
    public const int O_CLOEXEC = 0x80000;

    public const short POLLIN = 0x0001;
    public const short POLLERR = 0x0008;
    public const short POLLHUP = 0x0010;
    public const short POLLNVAL = 0x0020;

    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int EINVAL = 22;
    public const int ENOENT = 2;
    public const int EACCES = 13;
    public const int EBUSY = 16;
    public const int EPERM = 1;
    public const int ENXIO = 6;
    public const int ENODEV = 19;
    public const int ENOTTY = 25;
    public const int ENOSYS = 38;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int IoctlPtr(int fd, nuint request, void* argument);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, void* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, void* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    public static partial int Pipe2(int* fds, int flags);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "strerror")]
    private static partial nint StrError(int errnum);

    public static int Ioctl(int fd, uint request, void* argument) => IoctlPtr(fd, request, argument);

    public static int LastError => Marshal.GetLastPInvokeError();

    public static string Describe(int errno) => $"{Marshal.PtrToStringUTF8(StrError(errno)) ?? "error"} (errno {errno})";
}
