using System;
using System.IO;
using System.Text;

namespace Gateway.Board.RaspberryPi;

/// <summary>
/// Which Pi this is, from the device tree the firmware passed to Linux: <c>/proc/device-tree/compatible</c> holds
/// NUL-separated strings, most specific first — "raspberrypi,4-model-b", "brcm,bcm2711" on a Pi 4 (the Pi 400 and
/// CM4 also say brcm,bcm2711); "raspberrypi,5-model-b", "brcm,bcm2712" on a Pi 5 (Pi 500 and CM5 too). The SoC string
/// decides, since it decides the GPIO block (BCM2711's own, or RP1 behind PCIe).
/// </summary>
public static class PiModelDetection
{
    /// <summary>Where Linux shows the device tree's root compatible strings.</summary>
    public const string CompatiblePath = "/proc/device-tree/compatible";

    private const string Bcm2711 = "brcm,bcm2711";
    private const string Bcm2712 = "brcm,bcm2712";

    /// <summary>
    /// The model <paramref name="compatiblePath"/> names, or null (no device tree: not a Pi, or a container; a Pi of
    /// another family) with <paramref name="found"/> saying what was there.
    /// </summary>
    public static PiModel? FromDeviceTree(string compatiblePath, out string found)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(compatiblePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            found = $"no device tree ({compatiblePath}: {e.Message})";
            return null;
        }

        string[] strings = Encoding.ASCII.GetString(content).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        found = strings.Length == 0 ? "an empty device tree compatible" : string.Join(", ", strings);
        return FromCompatible(strings);
    }

    /// <summary>The model the compatible strings name, or null.</summary>
    public static PiModel? FromCompatible(string[] compatible)
    {
        ArgumentNullException.ThrowIfNull(compatible);
        foreach (string s in compatible)
        {
            // bcm2712 also comes as bcm2712d0 on the later stepping.
            if (s.StartsWith(Bcm2712, StringComparison.Ordinal))
            {
                return PiModel.Pi5;
            }

            if (s.StartsWith(Bcm2711, StringComparison.Ordinal))
            {
                return PiModel.Pi4;
            }
        }

        return null;
    }
}
