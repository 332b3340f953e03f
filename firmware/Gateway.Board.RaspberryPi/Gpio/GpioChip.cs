using System;
using System.IO;
using System.Text;
using Gateway.Board.RaspberryPi.Interop;

namespace Gateway.Board.RaspberryPi.Gpio;

/// <summary>Facts about a GPIO chip (<c>GPIO_GET_CHIPINFO_IOCTL</c>) and finding the Pi's header chip by label.</summary>
public sealed record GpioChipDescription(string Path, string Name, string Label, int Lines);

public static class GpioChip
{
    /// <summary>Label of the Pi 4's (BCM2711) header GPIO chip.</summary>
    public const string Pi4Label = "pinctrl-bcm2711";

    /// <summary>Label of the Pi 5's header GPIO chip (RP1); /dev/gpiochip0 on current kernels, /dev/gpiochip4 on early ones.</summary>
    public const string Pi5Label = "pinctrl-rp1";

    /// <summary>Reads a chip's name, label and line count.</summary>
    public static unsafe GpioChipDescription Describe(string path)
    {
        int fd = Libc.Open(path, Libc.O_RDONLY | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            throw new IOException($"cannot open {path}: {Libc.Describe(Libc.LastError)}");
        }

        try
        {
            GpioChipInfo info = default;
            if (Libc.Ioctl(fd, GpioUapi.GPIO_GET_CHIPINFO_IOCTL, &info) < 0)
            {
                throw new IOException($"{path} is not a GPIO chip: {Libc.Describe(Libc.LastError)}");
            }

            return new GpioChipDescription(path, CString(info.Name), CString(info.Label), (int)info.Lines);
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    /// <summary>The first /dev/gpiochip* whose label is <paramref name="label"/>, or null.</summary>
    public static GpioChipDescription? FindByLabel(string label)
    {
        if (!Directory.Exists("/dev"))
        {
            return null;
        }

        var paths = Directory.GetFiles("/dev", "gpiochip*");
        Array.Sort(paths, StringComparer.Ordinal);
        foreach (string path in paths)
        {
            try
            {
                var chip = Describe(path);
                if (chip.Label == label)
                {
                    return chip;
                }
            }
            catch (IOException)
            {
                // Not ours to read or not a chip: keep looking.
            }
        }

        return null;
    }

    private static unsafe string CString(byte* chars)
    {
        int n = 0;
        while (n < GpioUapi.GPIO_MAX_NAME_SIZE && chars[n] != 0)
        {
            n++;
        }

        return Encoding.UTF8.GetString(chars, n);
    }
}
