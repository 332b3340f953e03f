using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Gateway.Transports.Tests.Support;

/// <summary>A real OS pipe (pipe2) as two unbuffered FileStreams, each owning its own descriptor.</summary>
internal static unsafe partial class OsPipe
{
    private const int O_CLOEXEC = 0x80000;

    internal static (Stream Reader, Stream Writer) Create()
    {
        int* fds = stackalloc int[2];
        if (pipe2(fds, O_CLOEXEC) != 0)
        {
            throw new IOException("pipe2 failed: errno " + Marshal.GetLastPInvokeError());
        }
        var reader = new FileStream(new SafeFileHandle(fds[0], ownsHandle: true), FileAccess.Read, bufferSize: 0);
        var writer = new FileStream(new SafeFileHandle(fds[1], ownsHandle: true), FileAccess.Write, bufferSize: 0);
        return (reader, writer);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int pipe2(int* pipefd, int flags);
}
