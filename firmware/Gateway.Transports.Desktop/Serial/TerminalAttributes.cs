using System;
using System.Runtime.InteropServices;
using Gateway.Transports.Desktop.Interop.Unix;
using static Gateway.Transports.Desktop.Interop.Unix.TermiosConstants;

namespace Gateway.Transports.Desktop.Serial;

/// <summary>
/// Puts a tty into the raw 8N1 mode the link needs, through tcgetattr / cfmakeraw / cfset*speed / tcsetattr,
/// and reads the result back to prove the driver took it.
/// </summary>
internal static unsafe class TerminalAttributes
{
    /// <summary>
    /// True when libc's cfsetospeed takes plain numbers (115200) rather than the <c>Bxxx</c> codes (0x1002).
    /// glibc up to 2.41 takes only the codes and refuses 115200 with EINVAL; later glibc releases accept
    /// numbers. Probed once on a scratch structure, so the code works with either.
    /// </summary>
    private static readonly bool LibcTakesNumericSpeeds = ProbeNumericSpeeds();

    /// <summary>Reads the attributes of <paramref name="fd"/> (glibc layout).</summary>
    internal static Termios Get(int fd, string path)
    {
        Termios t;
        if (Libc.tcgetattr(fd, &t) != 0)
        {
            throw UnixErrors.ToException(Marshal.GetLastPInvokeError(), path, "read the terminal attributes of");
        }
        return t;
    }

    /// <summary>
    /// Applies raw mode: cfmakeraw, then every bit the link depends on set explicitly (so a libc whose
    /// cfmakeraw differs cannot leave one behind), 8N1, CREAD|CLOCAL, the flow control asked for, VMIN=1 VTIME=0.
    /// </summary>
    internal static void MakeRaw(ref Termios t, SerialFlowControl flow)
    {
        fixed (Termios* p = &t)
        {
            Libc.cfmakeraw(p);
        }

        // Input: no break handling, no parity marking or stripping, no CR/NL translation, no software flow control.
        t.c_iflag &= ~(IGNBRK | BRKINT | IGNPAR | PARMRK | INPCK | ISTRIP | INLCR | IGNCR | ICRNL | IUCLC
                       | IXON | IXANY | IXOFF | IMAXBEL);
        // Output: no post-processing (no NL to CR-NL).
        t.c_oflag &= ~OPOST;
        // Local: no echo, no canonical lines, no signal characters, no extended processing.
        t.c_lflag &= ~(ECHO | ECHOE | ECHOK | ECHONL | ICANON | ISIG | IEXTEN);
        // Control: 8 data bits, no parity, 1 stop bit, receiver on, modem lines ignored.
        t.c_cflag &= ~(CSIZE | PARENB | PARODD | CSTOPB | CRTSCTS);
        t.c_cflag |= CS8 | CREAD | CLOCAL;
        // read(2) returns as soon as one byte is there; 0 then means hang-up, never "nothing yet".
        t.c_cc[VMIN] = 1;
        t.c_cc[VTIME] = 0;

        switch (flow)
        {
            case SerialFlowControl.RtsCts:
                t.c_cflag |= CRTSCTS;
                break;
            case SerialFlowControl.XonXoff:
                t.c_iflag |= IXON | IXOFF;
                t.c_cc[VSTART] = 0x11; // DC1
                t.c_cc[VSTOP] = 0x13;  // DC3
                break;
        }
    }

    /// <summary>Sets both speeds in <paramref name="t"/> in whichever encoding libc takes.</summary>
    internal static void SetSpeed(ref Termios t, int baudRate, string path)
    {
        uint speed = SpeedValue(baudRate, path);
        fixed (Termios* p = &t)
        {
            if (Libc.cfsetispeed(p, speed) != 0 || Libc.cfsetospeed(p, speed) != 0)
            {
                throw new TransportException(TransportError.UnsupportedBaudRate, path,
                    $"Cannot set '{path}' to {baudRate} baud: the C library refused the speed ({Errno.Name(Marshal.GetLastPInvokeError())}).",
                    Marshal.GetLastPInvokeError());
            }
        }
    }

    /// <summary>The baud rate <paramref name="t"/> holds for output, or 0 when it is not one of ours.</summary>
    internal static int GetBaudRate(in Termios t)
    {
        fixed (Termios* p = &t)
        {
            uint speed = Libc.cfgetospeed(p);
            return LibcTakesNumericSpeeds ? (SerialBaudRates.IsStandard((int)speed) ? (int)speed : 0)
                                            : SerialBaudRates.FromSpeedCode(speed);
        }
    }

    /// <summary>
    /// Configures <paramref name="fd"/> raw at <paramref name="baudRate"/> with <paramref name="flow"/> and
    /// verifies by reading the attributes back: a driver that cannot do the speed substitutes another one,
    /// which is reported rather than silently used (except on a USB gadget port, which has no line rate).
    /// A standard rate goes through glibc with its <c>Bxxx</c> code; any other through termios2 with BOTHER.
    /// </summary>
    internal static void Apply(int fd, string path, int baudRate, SerialFlowControl flow)
    {
        if (!SerialBaudRates.IsValid(baudRate))
        {
            throw new TransportException(TransportError.UnsupportedBaudRate, path,
                $"Cannot open '{path}' at {baudRate} baud: a line speed is a positive number of baud.");
        }
        bool standard = SerialBaudRates.IsStandard(baudRate);
        Termios t = Get(fd, path);
        MakeRaw(ref t, flow);
        if (standard)
        {
            SetSpeed(ref t, baudRate, path);
        }
        if (Libc.tcsetattr(fd, TCSANOW, &t) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw errno == Errno.EINVAL
                ? new TransportException(TransportError.UnsupportedBaudRate, path,
                    $"Cannot configure '{path}': the driver refused {baudRate} baud, raw 8N1 ({Errno.Name(errno)}).", errno)
                : UnixErrors.ToException(errno, path, "configure");
        }
        if (!standard)
        {
            SetOtherSpeed(fd, path, baudRate);
        }

        TransportException? refusal = SpeedRefusal(path, baudRate, ReadBaudRate(fd, path));
        if (refusal != null)
        {
            throw refusal;
        }
        Termios back = Get(fd, path);
        const uint mustBeClear = ICANON | ECHO | ISIG;
        if ((back.c_lflag & mustBeClear) != 0 || (back.c_cflag & CSIZE) != CS8 || (back.c_oflag & OPOST) != 0)
        {
            throw new TransportException(TransportError.Other, path, $"Cannot put '{path}' into raw 8N1 mode: the driver did not keep the settings.");
        }
    }

    /// <summary>
    /// Sets a rate that has no <c>Bxxx</c> code: TCGETS2, BOTHER in both speed fields of c_cflag, the number in
    /// c_ispeed and c_ospeed, TCSETS2. A driver that cannot do it fails the ioctl (its errno is the reason given).
    /// </summary>
    internal static void SetOtherSpeed(int fd, string path, int baudRate)
    {
        KernelTermios2 t2 = Get2(fd, path);
        t2.c_cflag &= ~(CBAUD | (CBAUD << IBSHIFT));
        t2.c_cflag |= BOTHER | (BOTHER << IBSHIFT);
        t2.c_ispeed = (uint)baudRate;
        t2.c_ospeed = (uint)baudRate;
        if (Libc.ioctl(fd, TCSETS2, &t2) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new TransportException(TransportError.UnsupportedBaudRate, path,
                $"Cannot set '{path}' to {baudRate} baud: the driver refused it ({Errno.Name(errno)}: {Marshal.GetPInvokeErrorMessage(errno)}).", errno);
        }
    }

    /// <summary>The output speed the kernel holds for <paramref name="fd"/>, as a number (TCGETS2's c_ospeed, filled for every rate).</summary>
    internal static int ReadBaudRate(int fd, string path) => (int)Get2(fd, path).c_ospeed;

    /// <summary>Reads the kernel's termios2 of <paramref name="fd"/>.</summary>
    internal static KernelTermios2 Get2(int fd, string path)
    {
        KernelTermios2 t2;
        if (Libc.ioctl(fd, TCGETS2, &t2) != 0)
        {
            throw UnixErrors.ToException(Marshal.GetLastPInvokeError(), path, "read the line speed of");
        }
        return t2;
    }

    /// <summary>
    /// Why the speed read back refuses the open, or null. A serial line must keep the asked speed, give or take
    /// <see cref="SpeedTolerancePercent"/> (G: a UART driver that can only divide its clock near a rate reports the rate
    /// it reached, and 8N1 framing tolerates that much); a USB gadget port (<see cref="UsbGadgetSerial"/>) has no
    /// line rate, so whatever its driver reports is accepted.
    /// </summary>
    internal static TransportException? SpeedRefusal(string path, int asked, int actual)
    {
        if (actual == asked || UsbGadgetSerial.IsGadgetTty(path)
            || (actual > 0 && Math.Abs((long)actual - asked) * 100 <= (long)asked * SpeedTolerancePercent))
        {
            return null;
        }

        return new TransportException(TransportError.UnsupportedBaudRate, path,
            $"Cannot set '{path}' to {asked} baud: the driver kept {(actual == 0 ? "another speed" : actual + " baud")}.");
    }

    /// <summary>How far (in percent of the asked rate) the rate a driver reports may be from the asked one.</summary>
    internal const int SpeedTolerancePercent = 2;

    private static uint SpeedValue(int baudRate, string path)
    {
        if (!SerialBaudRates.TryGetSpeedCode(baudRate, out uint code))
        {
            throw new TransportException(TransportError.UnsupportedBaudRate, path,
                $"Cannot set '{path}' to {baudRate} baud through the C library: it is not a standard rate (termios2 sets it).");
        }
        return LibcTakesNumericSpeeds ? (uint)baudRate : code;
    }

    private static bool ProbeNumericSpeeds()
    {
        Termios scratch = default;
        const uint probe = 115_200; // not a valid Bxxx code: it has bits outside CBAUD
        return Libc.cfsetospeed(&scratch, probe) == 0 && Libc.cfgetospeed(&scratch) == probe;
    }
}
