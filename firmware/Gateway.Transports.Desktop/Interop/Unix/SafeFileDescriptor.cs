using System;
using System.Runtime.InteropServices;

namespace Gateway.Transports.Desktop.Interop.Unix;

/// <summary>
/// Owns a Unix file descriptor. Users hold a reference (<see cref="SafeHandle.DangerousAddRef"/>) around each
/// system call so that a concurrent <see cref="SafeHandle.Dispose()"/> defers close(2) until the call returns,
/// and the descriptor number is never reused under a running poll or read.
/// </summary>
internal sealed class SafeFileDescriptor : SafeHandle
{
    internal SafeFileDescriptor(int fd) : base(new IntPtr(-1), ownsHandle: true)
    {
        SetHandle(new IntPtr(fd));
    }

    public override bool IsInvalid => handle.ToInt64() < 0;

    internal int Fd => (int)handle.ToInt64();

    protected override bool ReleaseHandle() => Libc.close((int)handle.ToInt64()) == 0;
}
