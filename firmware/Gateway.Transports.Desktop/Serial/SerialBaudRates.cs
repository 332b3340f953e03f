using System;
using System.Collections.Generic;

namespace Gateway.Transports.Desktop.Serial;

/// <summary>
/// Line speeds. Any positive rate may be asked for (<see cref="IsValid"/>); the OS decides what it can set. The
/// standard rates have a Linux <c>Bxxx</c> speed code (asm-generic/termbits.h, where the C headers write them in
/// octal), which glibc up to 2.41 takes in cfsetospeed and the kernel keeps in the CBAUD bits of c_cflag; every
/// other rate is set on Linux through termios2 with BOTHER (<see cref="TerminalAttributes"/>).
/// </summary>
public static class SerialBaudRates
{
    private static readonly (int Baud, uint Code)[] Table =
    {
        (50, 0x0001),          // B50
        (75, 0x0002),          // B75
        (110, 0x0003),         // B110
        (134, 0x0004),         // B134 (134.5 baud)
        (150, 0x0005),         // B150
        (200, 0x0006),         // B200
        (300, 0x0007),         // B300
        (600, 0x0008),         // B600
        (1_200, 0x0009),       // B1200
        (1_800, 0x000A),       // B1800
        (2_400, 0x000B),       // B2400
        (4_800, 0x000C),       // B4800
        (9_600, 0x000D),       // B9600
        (19_200, 0x000E),      // B19200
        (38_400, 0x000F),      // B38400
        (57_600, 0x1001),      // B57600
        (115_200, 0x1002),     // B115200
        (230_400, 0x1003),     // B230400
        (460_800, 0x1004),     // B460800
        (500_000, 0x1005),     // B500000
        (576_000, 0x1006),     // B576000
        (921_600, 0x1007),     // B921600
        (1_000_000, 0x1008),   // B1000000
        (1_152_000, 0x1009),   // B1152000
        (1_500_000, 0x100A),   // B1500000
        (2_000_000, 0x100B),   // B2000000
        (2_500_000, 0x100C),   // B2500000
        (3_000_000, 0x100D),   // B3000000
        (3_500_000, 0x100E),   // B3500000
        (4_000_000, 0x100F),   // B4000000
    };

    /// <summary>The standard rates with a speed code, ascending; others are asked for by number.</summary>
    public static IReadOnlyList<int> Standard { get; } = Array.ConvertAll(Table, e => e.Baud);

    /// <summary>Whether <paramref name="baudRate"/> can be asked for at all: a positive number (0 would mean "hang up").</summary>
    public static bool IsValid(int baudRate) => baudRate > 0;

    /// <summary>Whether <paramref name="baudRate"/> is one of <see cref="Standard"/>.</summary>
    public static bool IsStandard(int baudRate) => TryGetSpeedCode(baudRate, out _);

    /// <summary>The Linux <c>Bxxx</c> code for <paramref name="baudRate"/>, or false when it has none here.</summary>
    internal static bool TryGetSpeedCode(int baudRate, out uint code)
    {
        foreach (var (baud, c) in Table)
        {
            if (baud == baudRate)
            {
                code = c;
                return true;
            }
        }
        code = 0;
        return false;
    }

    /// <summary>The baud rate of a <c>Bxxx</c> code, or 0 when the code is not one of ours.</summary>
    internal static int FromSpeedCode(uint code)
    {
        foreach (var (baud, c) in Table)
        {
            if (c == code)
            {
                return baud;
            }
        }
        return 0;
    }
}
