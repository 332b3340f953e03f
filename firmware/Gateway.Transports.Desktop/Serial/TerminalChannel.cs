using System;
using System.Runtime.InteropServices;
using System.Threading;
using Gateway.Transports.Desktop.Interop.Unix;
using static Gateway.Transports.Desktop.Interop.Unix.FileConstants;

namespace Gateway.Transports.Desktop.Serial;

/// <summary>
/// One open tty (a serial device, a pty slave or a pty master) in non-blocking mode. Every wait is a poll(2)
/// on the tty and a <see cref="WakeFd"/>, so reads and writes time out, can be cancelled, and return at once
/// when the channel is closed from another thread. <see cref="SerialPortStream"/> and
/// <see cref="SerialByteStream"/> are thin faces over it.
/// </summary>
internal sealed unsafe class TerminalChannel : IDisposable
{
    private readonly SafeFileDescriptor fd;
    private readonly WakeFd wake;
    private int closed;

    private TerminalChannel(SafeFileDescriptor fd, WakeFd wake, string path)
    {
        this.fd = fd;
        this.wake = wake;
        Path = path;
    }

    /// <summary>The device path, for messages.</summary>
    internal string Path { get; }

    internal bool IsClosed => Volatile.Read(ref closed) != 0;

    /// <summary>Opens a tty device and configures it raw, as <paramref name="settings"/> say.</summary>
    internal static TerminalChannel Open(string path, SerialSettings settings)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Implementation == SerialImplementation.Ports)
        {
            throw new ArgumentException(
                "settings ask for System.IO.Ports; this is the termios transport (SerialTransport.Open chooses between them).", nameof(settings));
        }
        EnsureLinux(path);
        if (!SerialBaudRates.IsValid(settings.BaudRate))
        {
            throw new TransportException(TransportError.UnsupportedBaudRate, path,
                $"Cannot open '{path}' at {settings.BaudRate} baud: a line speed is a positive number of baud.");
        }

        int fd = Libc.open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0)
        {
            throw UnixErrors.ToException(Marshal.GetLastPInvokeError(), path, "open");
        }
        var handle = new SafeFileDescriptor(fd);
        try
        {
            if (Libc.isatty(fd) != 1)
            {
                throw new TransportException(TransportError.NotATerminal, path,
                    $"Cannot open '{path}' as a serial port: it is not a terminal (tty) device.", Errno.ENOTTY);
            }
            if (settings.Exclusive && Libc.flock(fd, LOCK_EX | LOCK_NB) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                throw new TransportException(TransportError.Busy, path,
                    $"Cannot open '{path}': another program holds it (exclusive lock, {Errno.Name(errno)}).", errno);
            }
            TerminalAttributes.Apply(fd, path, settings.BaudRate, settings.FlowControl);
            // Bytes that arrived before we configured the line are noise from another speed or owner.
            _ = Libc.tcflush(fd, TermiosConstants.TCIOFLUSH);
            return new TerminalChannel(handle, WakeFd.Create(path), path);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Wraps an already open, already configured, non-blocking descriptor (a pty master).</summary>
    internal static TerminalChannel FromDescriptor(SafeFileDescriptor fd, string name) =>
        new(fd, WakeFd.Create(name), name);

    internal static void EnsureLinux(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new TransportException(TransportError.NotSupportedOnPlatform, path,
                $"Cannot open '{path}': serial ttys are supported on Linux only (use TCP or the emulated board here).");
        }
    }

    /// <summary>
    /// Reads what is there, up to <paramref name="buffer"/>'s length, waiting at most <paramref name="timeoutMs"/>
    /// (negative: forever) for the first byte. Returns the count, 0 on timeout, -1 when closed or hung up.
    /// </summary>
    internal int Read(Span<byte> buffer, int timeoutMs, CancellationToken cancellationToken)
    {
        if (IsClosed)
        {
            return -1;
        }
        if (buffer.IsEmpty)
        {
            return 0;
        }
        cancellationToken.ThrowIfCancellationRequested();

        bool fdRef = false, wakeRef = false;
        try
        {
            if (!TryAddRefs(ref fdRef, ref wakeRef))
            {
                return -1;
            }
            using WakeFd.CancellationScope scope = this.wake.Arm(cancellationToken);
            long deadline = Deadline(timeoutMs);
            while (true)
            {
                switch (Wait(POLLIN, deadline, cancellationToken, out bool hungUp))
                {
                    case WaitResult.Closed:
                        return -1;
                    case WaitResult.TimedOut:
                        return 0;
                    case WaitResult.Ready when hungUp && !HasPendingInput():
                        return -1; // hang-up and nothing left to read, whatever read(2) would say
                }
                nint n;
                fixed (byte* p = buffer)
                {
                    n = Libc.read(this.fd.Fd, p, buffer.Length);
                }
                if (n > 0)
                {
                    return (int)n;
                }
                if (n == 0)
                {
                    return -1; // end of file: the other side of a pty went away
                }
                int errno = Marshal.GetLastPInvokeError();
                switch (errno)
                {
                    case Errno.EAGAIN:
                    case Errno.EINTR:
                        continue;
                    case Errno.EIO:   // hang-up: a pty master whose slave closed, a USB adapter unplugged
                    case Errno.EBADF:
                        return -1;
                    default:
                        throw UnixErrors.ToException(errno, Path, "read from");
                }
            }
        }
        finally
        {
            ReleaseRefs(fdRef, wakeRef);
        }
    }

    /// <summary>
    /// Writes all of <paramref name="buffer"/>, waiting for the driver to take it. Throws
    /// <see cref="TransportException"/> (<see cref="TransportError.Closed"/>) when closed or hung up and
    /// <see cref="TimeoutException"/> when <paramref name="timeoutMs"/> (negative: forever) passes first.
    /// </summary>
    internal void Write(ReadOnlySpan<byte> buffer, int timeoutMs, CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        cancellationToken.ThrowIfCancellationRequested();
        bool fdRef = false, wakeRef = false;
        try
        {
            if (!TryAddRefs(ref fdRef, ref wakeRef))
            {
                throw ClosedException();
            }
            using WakeFd.CancellationScope scope = this.wake.Arm(cancellationToken);
            long deadline = Deadline(timeoutMs);
            int written = 0;
            while (written < buffer.Length)
            {
                switch (Wait(POLLOUT, deadline, cancellationToken, out bool hungUp))
                {
                    case WaitResult.Closed:
                        throw ClosedException();
                    case WaitResult.Ready when hungUp:
                        throw UnixErrors.ToException(Errno.EIO, Path, "write to"); // the other side is gone: nobody will drain
                    case WaitResult.TimedOut:
                        throw new TimeoutException($"Writing to '{Path}' timed out after {timeoutMs} ms with {written} of {buffer.Length} bytes written.");
                }
                nint n;
                fixed (byte* p = buffer)
                {
                    n = Libc.write(this.fd.Fd, p + written, buffer.Length - written);
                }
                if (n > 0)
                {
                    written += (int)n;
                    continue;
                }
                int errno = n < 0 ? Marshal.GetLastPInvokeError() : Errno.EAGAIN;
                if (errno is Errno.EAGAIN or Errno.EINTR)
                {
                    continue;
                }
                throw UnixErrors.ToException(errno, Path, "write to");
            }
        }
        finally
        {
            ReleaseRefs(fdRef, wakeRef);
        }
    }

    /// <summary>Reads the attributes back with tcgetattr (tests and diagnostics).</summary>
    internal Termios GetAttributes()
    {
        bool added = false;
        try
        {
            this.fd.DangerousAddRef(ref added);
            return TerminalAttributes.Get(this.fd.Fd, Path);
        }
        finally
        {
            if (added)
            {
                this.fd.DangerousRelease();
            }
        }
    }

    /// <summary>Reads the attributes as the kernel holds them (TCGETS, no glibc translation).</summary>
    internal KernelTermios GetKernelAttributes()
    {
        bool added = false;
        try
        {
            this.fd.DangerousAddRef(ref added);
            KernelTermios k;
            if (Libc.ioctl(this.fd.Fd, TermiosConstants.TCGETS, &k) != 0)
            {
                throw UnixErrors.ToException(Marshal.GetLastPInvokeError(), Path, "read the kernel terminal attributes of");
            }
            return k;
        }
        finally
        {
            if (added)
            {
                this.fd.DangerousRelease();
            }
        }
    }

    /// <summary>Reads the kernel's termios2 (TCGETS2): the speeds as numbers, whatever their code.</summary>
    internal KernelTermios2 GetKernelAttributes2()
    {
        bool added = false;
        try
        {
            this.fd.DangerousAddRef(ref added);
            return TerminalAttributes.Get2(this.fd.Fd, Path);
        }
        finally
        {
            if (added)
            {
                this.fd.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Closes the tty. Blocked reads return -1 and blocked writes throw; close(2) itself runs when the last
    /// of them has left the descriptor, so its number is never reused under them.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref closed, 1) != 0)
        {
            return;
        }
        this.wake.SignalClose();
        this.fd.Dispose();
        this.wake.Dispose();
    }

    private enum WaitResult
    {
        Ready,
        TimedOut,
        Closed,
    }

    /// <summary>
    /// Waits for <paramref name="events"/> on the tty. <paramref name="hungUp"/> is true when poll reported
    /// POLLHUP, POLLERR or POLLNVAL without the event asked for.
    /// </summary>
    private WaitResult Wait(short events, long deadline, CancellationToken cancellationToken, out bool hungUp)
    {
        PollFd* fds = stackalloc PollFd[2];
        hungUp = false;
        while (true)
        {
            if (IsClosed)
            {
                return WaitResult.Closed;
            }
            cancellationToken.ThrowIfCancellationRequested();
            fds[0] = new PollFd { fd = this.fd.Fd, events = events };
            fds[1] = new PollFd { fd = this.wake.Handle.Fd, events = POLLIN };
            int ready = Libc.poll(fds, 2, Remaining(deadline));
            if (ready < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == Errno.EINTR)
                {
                    continue;
                }
                throw UnixErrors.ToException(errno, Path, "wait on");
            }
            if (IsClosed)
            {
                return WaitResult.Closed;
            }
            if (fds[0].revents != 0)
            {
                hungUp = (fds[0].revents & events) == 0;
                return WaitResult.Ready;
            }
            if (fds[1].revents != 0)
            {
                // A cancellation: ours throws; another operation's will be drained once that one has left.
                cancellationToken.ThrowIfCancellationRequested();
                if (deadline >= 0 && Environment.TickCount64 >= deadline)
                {
                    return WaitResult.TimedOut;
                }
                Thread.Yield();
                continue;
            }
            if (ready == 0)
            {
                return WaitResult.TimedOut;
            }
        }
    }

    /// <summary>Whether bytes are queued for reading (FIONREAD); false when the driver cannot say.</summary>
    private bool HasPendingInput()
    {
        int pending = 0;
        return Libc.ioctl(this.fd.Fd, FIONREAD, &pending) == 0 && pending > 0;
    }

    private bool TryAddRefs(ref bool fdRef, ref bool wakeRef)
    {
        try
        {
            this.fd.DangerousAddRef(ref fdRef);
            this.wake.Handle.DangerousAddRef(ref wakeRef);
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    private void ReleaseRefs(bool fdRef, bool wakeRef)
    {
        if (wakeRef)
        {
            this.wake.Handle.DangerousRelease();
        }
        if (fdRef)
        {
            this.fd.DangerousRelease();
        }
    }

    private void ThrowIfClosed()
    {
        if (IsClosed)
        {
            throw ClosedException();
        }
    }

    private TransportException ClosedException() =>
        new(TransportError.Closed, Path, $"'{Path}' is closed.");

    private static long Deadline(int timeoutMs) => timeoutMs < 0 ? -1 : Environment.TickCount64 + timeoutMs;

    private static int Remaining(long deadline) =>
        deadline < 0 ? -1 : (int)Math.Clamp(deadline - Environment.TickCount64, 0, int.MaxValue);
}
