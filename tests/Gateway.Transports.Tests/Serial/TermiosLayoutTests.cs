using System.Runtime.InteropServices;
using Gateway.Transports.Desktop.Interop.Unix;

namespace Gateway.Transports.Tests.Serial;

/// <summary>
/// The structures passed to libc and the kernel, checked against their C layouts on Linux x86_64/arm64
/// (values printed by a C program with sizeof/offsetof; glibc 2.36, Linux 6.x):
/// struct termios 60 bytes — c_iflag 0, c_oflag 4, c_cflag 8, c_lflag 12, c_line 16, c_cc 17 (32), c_ispeed 52, c_ospeed 56;
/// kernel struct termios (TCGETS) 36 bytes — c_cc 17 (19); struct pollfd 8 bytes.
/// </summary>
public sealed class TermiosLayoutTests
{
    [Fact]
    public void Termios_GlibcLayout_SizesAndOffsetsMatchC()
    {
        Assert.Equal(Termios.Size, Marshal.SizeOf<Termios>());
        Assert.Equal(60, Termios.Size);
        Assert.Equal(Termios.OffsetIFlag, (int)Marshal.OffsetOf<Termios>(nameof(Termios.c_iflag)));
        Assert.Equal(Termios.OffsetOFlag, (int)Marshal.OffsetOf<Termios>(nameof(Termios.c_oflag)));
        Assert.Equal(Termios.OffsetCFlag, (int)Marshal.OffsetOf<Termios>(nameof(Termios.c_cflag)));
        Assert.Equal(Termios.OffsetLFlag, (int)Marshal.OffsetOf<Termios>(nameof(Termios.c_lflag)));
        Assert.Equal(Termios.OffsetLine, (int)Marshal.OffsetOf<Termios>(nameof(Termios.c_line)));
        Assert.Equal(Termios.OffsetCc, (int)Marshal.OffsetOf<Termios>(nameof(Termios.c_cc)));
        Assert.Equal(Termios.OffsetISpeed, (int)Marshal.OffsetOf<Termios>(nameof(Termios.c_ispeed)));
        Assert.Equal(Termios.OffsetOSpeed, (int)Marshal.OffsetOf<Termios>(nameof(Termios.c_ospeed)));
        Assert.Equal(new[] { 0, 4, 8, 12, 16, 17, 52, 56 },
            new[] { Termios.OffsetIFlag, Termios.OffsetOFlag, Termios.OffsetCFlag, Termios.OffsetLFlag,
                    Termios.OffsetLine, Termios.OffsetCc, Termios.OffsetISpeed, Termios.OffsetOSpeed });
    }

    [Fact]
    public unsafe void KernelTermiosAndPollFd_Layout_SizesMatchC()
    {
        Assert.Equal(36, sizeof(KernelTermios));
        Assert.Equal(17, (int)Marshal.OffsetOf<KernelTermios>(nameof(KernelTermios.c_cc)));
        Assert.Equal(8, sizeof(PollFd));
        Assert.Equal(4, (int)Marshal.OffsetOf<PollFd>(nameof(PollFd.events)));
        Assert.Equal(6, (int)Marshal.OffsetOf<PollFd>(nameof(PollFd.revents)));
    }

    [Fact]
    public void TermiosConstants_FlagBits_MatchTheOctalValuesOfTermbitsH()
    {
        // asm-generic/termbits.h spells these in octal.
        AssertOctal("0000002", TermiosConstants.BRKINT);
        AssertOctal("0000010", TermiosConstants.PARMRK);
        AssertOctal("0000040", TermiosConstants.ISTRIP);
        AssertOctal("0000100", TermiosConstants.INLCR);
        AssertOctal("0000200", TermiosConstants.IGNCR);
        AssertOctal("0000400", TermiosConstants.ICRNL);
        AssertOctal("0002000", TermiosConstants.IXON);
        AssertOctal("0004000", TermiosConstants.IXANY);
        AssertOctal("0010000", TermiosConstants.IXOFF);
        AssertOctal("0000060", TermiosConstants.CS8);
        AssertOctal("0000100", TermiosConstants.CSTOPB);
        AssertOctal("0000200", TermiosConstants.CREAD);
        AssertOctal("0000400", TermiosConstants.PARENB);
        AssertOctal("0004000", TermiosConstants.CLOCAL);
        AssertOctal("010017", TermiosConstants.CBAUD);
        AssertOctal("020000000000", TermiosConstants.CRTSCTS);
        AssertOctal("0000002", TermiosConstants.ICANON);
        AssertOctal("0000010", TermiosConstants.ECHO);
        AssertOctal("0000100", TermiosConstants.ECHONL);
        AssertOctal("0100000", TermiosConstants.IEXTEN);
        AssertOctal("0000001", TermiosConstants.ISIG);
        AssertOctal("0000001", TermiosConstants.OPOST);
        AssertOctal("0400", (uint)FileConstants.O_NOCTTY);
        AssertOctal("04000", (uint)FileConstants.O_NONBLOCK);
        AssertOctal("02000000", (uint)FileConstants.O_CLOEXEC);
    }

    private static void AssertOctal(string headerOctal, uint actual) => Assert.Equal(System.Convert.ToUInt32(headerOctal, 8), actual);
}
