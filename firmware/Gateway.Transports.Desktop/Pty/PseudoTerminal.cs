using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Gateway.Protocol.Platform;
using Gateway.Transports.Desktop.Interop.Unix;
using Gateway.Transports.Desktop.Serial;
using static Gateway.Transports.Desktop.Interop.Unix.FileConstants;

namespace Gateway.Transports.Desktop.Pty;

/// <summary>
/// A Unix 98 pseudo-terminal pair (posix_openpt / grantpt / unlockpt / ptsname_r) made by the project: a real tty
/// link on one machine. One side serves on <see cref="Master"/> (or <see cref="MasterStream"/>); the other opens
/// <see cref="SlavePath"/> (e.g. <c>/dev/pts/7</c>) like any serial port, e.g. with <see cref="SerialPortStream.Open"/>.
/// </summary>
/// <remarks>
/// <para>The line is put into raw mode at creation. On Linux the master has no settings of its own that
/// matter (its side is always raw); termios calls on the master act on the slave's settings, so the slave is
/// raw even before anyone opens and configures it.</para>
/// <para>Hang-up: when the last descriptor of the slave closes, the master first hands out any bytes still
/// queued and then read(2) fails with EIO (poll reports POLLHUP): <see cref="Master"/>.Read returns -1 and
/// <see cref="MasterStream"/> reads end of stream. This is not permanent: the slave can be opened again and
/// the master works again. With <c>holdSlaveOpen</c> the pair keeps a slave descriptor of its own, so the
/// master never hangs up: reads just time out while nobody is attached, and clients may come and go. When the
/// master closes, the slave hangs up for good: its reads return end of stream and writes fail with EIO.</para>
/// </remarks>
public sealed class PseudoTerminal : IDisposable
{
    private readonly TerminalChannel master;
    private readonly SafeFileDescriptor? heldSlave;

    private PseudoTerminal(TerminalChannel master, string slavePath, SafeFileDescriptor? heldSlave)
    {
        this.master = master;
        SlavePath = slavePath;
        this.heldSlave = heldSlave;
        Master = new SerialByteStream(master);
        MasterStream = new SerialPortStream(master);
    }

    /// <summary>The slave device path, e.g. <c>/dev/pts/7</c>: give it to the program that expects a serial port.</summary>
    public string SlavePath { get; }

    /// <summary>The master as the board's byte stream. Shares the descriptor with <see cref="MasterStream"/>; closing either closes the master.</summary>
    public IByteStream Master { get; }

    /// <summary>The master as a host <see cref="Stream"/>. Shares the descriptor with <see cref="Master"/>.</summary>
    public Stream MasterStream { get; }

    /// <summary>Creates a raw pair.</summary>
    /// <param name="holdSlaveOpen">Keep a slave descriptor open inside the pair so the master never sees a hang-up while clients come and go.</param>
    /// <exception cref="TransportException">No pseudo-terminal could be allocated (e.g. /dev/ptmx missing or the limit reached).</exception>
    public static unsafe PseudoTerminal Open(bool holdSlaveOpen = false)
    {
        const string ptmx = "/dev/ptmx";
        TerminalChannel.EnsureLinux(ptmx);
        int fd = Libc.posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (fd < 0)
        {
            throw UnixErrors.ToException(Marshal.GetLastPInvokeError(), ptmx, "allocate a pseudo-terminal through");
        }
        var master = new SafeFileDescriptor(fd);
        SafeFileDescriptor? slave = null;
        try
        {
            if (Libc.grantpt(fd) != 0 || Libc.unlockpt(fd) != 0)
            {
                throw UnixErrors.ToException(Marshal.GetLastPInvokeError(), ptmx, "unlock a pseudo-terminal from");
            }
            string slavePath = SlaveName(fd, ptmx);
            SetNonBlocking(fd, slavePath);
            TerminalAttributes.Apply(fd, slavePath, SerialSettings.DefaultBaudRate, SerialFlowControl.None);

            if (holdSlaveOpen)
            {
                int s = Libc.open(slavePath, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
                if (s < 0)
                {
                    throw UnixErrors.ToException(Marshal.GetLastPInvokeError(), slavePath, "open");
                }
                slave = new SafeFileDescriptor(s);
            }
            return new PseudoTerminal(TerminalChannel.FromDescriptor(master, "pty master of " + slavePath), slavePath, slave);
        }
        catch
        {
            slave?.Dispose();
            master.Dispose();
            throw;
        }
    }

    /// <summary>Closes the master (and the held slave): the slave side hangs up.</summary>
    public void Dispose()
    {
        this.master.Dispose();
        this.heldSlave?.Dispose();
    }

    internal TerminalChannel Channel => this.master;

    private static unsafe string SlaveName(int fd, string ptmx)
    {
        byte* name = stackalloc byte[128];
        int rc = Libc.ptsname_r(fd, name, 128);
        if (rc != 0)
        {
            throw UnixErrors.ToException(rc, ptmx, "name the pseudo-terminal slave of");
        }
        return Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name));
    }

    private static unsafe void SetNonBlocking(int fd, string path)
    {
        // FIONBIO sets O_NONBLOCK on the open file without the variadic fcntl.
        int on = 1;
        if (Libc.ioctl(fd, FIONBIO, &on) != 0)
        {
            throw UnixErrors.ToException(Marshal.GetLastPInvokeError(), path, "make non-blocking the pty master of");
        }
    }
}
