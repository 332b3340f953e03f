using System.Runtime.InteropServices;

namespace Gateway.Transports.Desktop.Interop.Unix;

/// <summary>
/// glibc's <c>struct termios</c> on Linux (bits/termios-struct.h), the structure tcgetattr/tcsetattr take:
/// <code>
/// offset  width  field      type
///  0       4     c_iflag    tcflag_t (u32)  input modes
///  4       4     c_oflag    tcflag_t        output modes
///  8       4     c_cflag    tcflag_t        control modes (CBAUD speed bits live here too)
/// 12       4     c_lflag    tcflag_t        local modes
/// 16       1     c_line     cc_t            line discipline
/// 17      32     c_cc[32]   cc_t            control characters (NCCS = 32)
/// 49       3     (padding)
/// 52       4     c_ispeed   speed_t (u32)
/// 56       4     c_ospeed   speed_t
/// 60             sizeof
/// </code>
/// Identical on x86_64, arm64 and 32-bit arm. It differs from the kernel's own <see cref="KernelTermios"/>:
/// glibc translates between the two inside tcgetattr/tcsetattr.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct Termios
{
    internal const int Size = 60;
    internal const int NCCS = 32;
    internal const int OffsetIFlag = 0;
    internal const int OffsetOFlag = 4;
    internal const int OffsetCFlag = 8;
    internal const int OffsetLFlag = 12;
    internal const int OffsetLine = 16;
    internal const int OffsetCc = 17;
    internal const int OffsetISpeed = 52;
    internal const int OffsetOSpeed = 56;

    public uint c_iflag;
    public uint c_oflag;
    public uint c_cflag;
    public uint c_lflag;
    public byte c_line;
    public fixed byte c_cc[NCCS];
    public uint c_ispeed;
    public uint c_ospeed;
}

/// <summary>
/// The kernel's <c>struct termios</c> (include/uapi/asm-generic/termbits.h), read with the TCGETS ioctl
/// without glibc in between; used to cross-check what the driver really holds.
/// <code>
/// offset  width  field
///  0       4     c_iflag
///  4       4     c_oflag
///  8       4     c_cflag
/// 12       4     c_lflag
/// 16       1     c_line
/// 17      19     c_cc[19]
/// 36             sizeof
/// </code>
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct KernelTermios
{
    internal const int Size = 36;
    internal const int NCCS = 19;

    public uint c_iflag;
    public uint c_oflag;
    public uint c_cflag;
    public uint c_lflag;
    public byte c_line;
    public fixed byte c_cc[NCCS];
}

/// <summary>
/// The kernel's <c>struct termios2</c> (asm-generic/termbits.h), read and written with the TCGETS2 / TCSETS2 ioctls:
/// the kernel structure with the two speeds as plain numbers, so a rate without a <c>Bxxx</c> code is set with
/// BOTHER in CBAUD and the number in <c>c_ospeed</c> / <c>c_ispeed</c>, and any rate is read back as a number.
/// <code>
/// offset  width  field
///  0       4     c_iflag
///  4       4     c_oflag
///  8       4     c_cflag     CBAUD (output speed code) | CIBAUD = CBAUD &lt;&lt; IBSHIFT (input speed code)
/// 12       4     c_lflag
/// 16       1     c_line
/// 17      19     c_cc[19]
/// 36       4     c_ispeed    speed_t (u32), baud
/// 40       4     c_ospeed    speed_t, baud
/// 44             sizeof
/// </code>
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct KernelTermios2
{
    internal const int Size = 44;
    internal const int OffsetISpeed = 36;
    internal const int OffsetOSpeed = 40;

    public uint c_iflag;
    public uint c_oflag;
    public uint c_cflag;
    public uint c_lflag;
    public byte c_line;
    public fixed byte c_cc[KernelTermios.NCCS];
    public uint c_ispeed;
    public uint c_ospeed;
}

/// <summary>termios flag bits and indices, Linux values (asm-generic/termbits.h; the C headers write them in octal).</summary>
internal static class TermiosConstants
{
    // c_iflag
    internal const uint IGNBRK = 0x0001;
    internal const uint BRKINT = 0x0002;
    internal const uint IGNPAR = 0x0004;
    internal const uint PARMRK = 0x0008;
    internal const uint INPCK = 0x0010;
    internal const uint ISTRIP = 0x0020;
    internal const uint INLCR = 0x0040;
    internal const uint IGNCR = 0x0080;
    internal const uint ICRNL = 0x0100;
    internal const uint IUCLC = 0x0200;
    internal const uint IXON = 0x0400;
    internal const uint IXANY = 0x0800;
    internal const uint IXOFF = 0x1000;
    internal const uint IMAXBEL = 0x2000;
    internal const uint IUTF8 = 0x4000;

    // c_oflag
    internal const uint OPOST = 0x0001;

    // c_cflag
    internal const uint CBAUD = 0x100F;
    internal const uint CSIZE = 0x0030;
    internal const uint CS8 = 0x0030;
    internal const uint CSTOPB = 0x0040;
    internal const uint CREAD = 0x0080;
    internal const uint PARENB = 0x0100;
    internal const uint PARODD = 0x0200;
    internal const uint HUPCL = 0x0400;
    internal const uint CLOCAL = 0x0800;
    internal const uint CBAUDEX = 0x1000;
    internal const uint BOTHER = 0x1000;   // "other": the speed is the number in c_ospeed / c_ispeed (termios2)
    internal const int IBSHIFT = 16;       // CIBAUD, the input speed code, is CBAUD shifted up by this
    internal const uint CRTSCTS = 0x80000000;

    // c_lflag
    internal const uint ISIG = 0x0001;
    internal const uint ICANON = 0x0002;
    internal const uint ECHO = 0x0008;
    internal const uint ECHOE = 0x0010;
    internal const uint ECHOK = 0x0020;
    internal const uint ECHONL = 0x0040;
    internal const uint NOFLSH = 0x0080;
    internal const uint IEXTEN = 0x8000;

    // c_cc indices
    internal const int VTIME = 5;
    internal const int VMIN = 6;
    internal const int VSTART = 8;
    internal const int VSTOP = 9;

    // tcsetattr optional_actions, tcflush queue_selector
    internal const int TCSANOW = 0;
    internal const int TCIFLUSH = 0;
    internal const int TCOFLUSH = 1;
    internal const int TCIOFLUSH = 2;

    // ioctl requests (asm-generic/ioctls.h)
    internal const nuint TCGETS = 0x5401;
    // _IOR('T', 0x2A, struct termios2) and _IOW('T', 0x2B, struct termios2): direction << 30 | size 44 << 16 | 'T' << 8 | nr.
    internal const nuint TCGETS2 = 0x802C542A;
    internal const nuint TCSETS2 = 0x402C542B;
}
