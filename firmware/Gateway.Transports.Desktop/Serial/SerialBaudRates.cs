using System;
using System.Collections.Generic;

namespace Gateway.Transports.Desktop.Serial;

/// <summary>
/// The line speeds Gateway configures, and their Linux <c>Bxxx</c> speed codes (asm-generic/termbits.h,
/// where the C headers write them in octal). The code is what glibc up to 2.41 takes in cfsetospeed and
/// what the kernel keeps in the CBAUD bits of c_cflag.
/// </summary>
public static class SerialBaudRates
{
    private static readonly (int Baud, uint Code)[] Table =
    {
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
    };

    /// <summary>Every supported rate, ascending.</summary>
    public static IReadOnlyList<int> Supported { get; } = Array.ConvertAll(Table, e => e.Baud);

    /// <summary>Whether <paramref name="baudRate"/> is one of <see cref="Supported"/>.</summary>
    public static bool IsSupported(int baudRate) => TryGetSpeedCode(baudRate, out _);

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
