using System.CommandLine;
using System.Globalization;

namespace Gateway.Cli.Board;

/// <summary>The <c>--width</c> of peek and poke: a load or store of 1, 2, 4 or 8 bytes, little-endian.</summary>
internal static class AccessWidth
{
    public static Option<int> Create()
    {
        var width = new Option<int>("--width", "-w")
        {
            Description = "Bytes per access: 1, 2, 4 or 8 (registers take 4 only).",
            HelpName = "BYTES",
            DefaultValueFactory = _ => 4,
        };
        width.AcceptOnlyFromAmong("1", "2", "4", "8");
        return width;
    }

    /// <summary>The value in hex with the width's digits: <c>0x0000ffff</c> for 4 bytes.</summary>
    public static string Format(ulong value, int width) => "0x" + value.ToString("x" + (2 * width).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="value"/> fits <paramref name="width"/> bytes.</summary>
    public static bool Fits(ulong value, int width) => width >= 8 || value >> (8 * width) == 0;
}
