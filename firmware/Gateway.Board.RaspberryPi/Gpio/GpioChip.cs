using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Gateway.Board.RaspberryPi.Interop;
using Gateway.Protocol.Desktop.Platform;

namespace Gateway.Board.RaspberryPi.Gpio;

/// <summary>The GPIO character devices: describing a chip, probing every chip, and naming who holds a line.</summary>
public static class GpioChip
{
    /// <summary>Label of the Pi 4's (BCM2711) header GPIO chip.</summary>
    public const string Pi4Label = "pinctrl-bcm2711";

    /// <summary>Label of the Pi 5's header GPIO chip (RP1); /dev/gpiochip0 on current kernels, /dev/gpiochip4 on early ones.</summary>
    public const string Pi5Label = "pinctrl-rp1";

    /// <summary>The header chip's label on <paramref name="model"/>.</summary>
    public static string LabelOf(PiModel model) => model == PiModel.Pi5 ? Pi5Label : Pi4Label;

    /// <summary>The Pi whose header chip carries <paramref name="label"/>, or null.</summary>
    public static PiModel? ModelOfLabel(string label) => label switch
    {
        Pi4Label => PiModel.Pi4,
        Pi5Label => PiModel.Pi5,
        _ => null,
    };

    /// <summary>Reads a chip's name, label and line count; throws <see cref="LinuxErrorException"/> naming the file.</summary>
    public static unsafe GpioChipDescription Describe(string path)
    {
        int fd = Libc.Open(path, Libc.O_RDONLY | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            int errno = Libc.LastError;
            throw new LinuxErrorException(errno, $"cannot open {path}: {Libc.Describe(errno)}");
        }

        try
        {
            GpioChipInfo info = default;
            if (Libc.Ioctl(fd, GpioUapi.GPIO_GET_CHIPINFO_IOCTL, &info) < 0)
            {
                int errno = Libc.LastError;
                throw new LinuxErrorException(errno, $"{path} is not a GPIO chip: {Libc.Describe(errno)}");
            }

            return new GpioChipDescription(path, CString(info.Name, GpioUapi.GPIO_MAX_NAME_SIZE), CString(info.Label, GpioUapi.GPIO_MAX_NAME_SIZE), (int)info.Lines);
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    /// <summary>
    /// Every <c>gpiochip*</c> in <paramref name="devDirectory"/>, in name order, described or with the errno that
    /// stopped it. Nothing is swallowed: <see cref="GpioChipChoice"/> turns the failures into the message.
    /// </summary>
    public static IReadOnlyList<GpioChipProbe> Probe(string devDirectory = "/dev")
    {
        var probes = new List<GpioChipProbe>();
        if (!Directory.Exists(devDirectory))
        {
            return probes;
        }

        string[] paths = Directory.GetFiles(devDirectory, "gpiochip*");
        Array.Sort(paths, NaturalOrder);
        foreach (string path in paths)
        {
            try
            {
                probes.Add(new GpioChipProbe(path, Describe(path), 0, null));
            }
            catch (LinuxErrorException e)
            {
                probes.Add(new GpioChipProbe(path, null, e.Errno, UnixIdentity.Ownership(path)));
            }
        }

        return probes;
    }

    /// <summary>
    /// Of <paramref name="lines"/> on the chip at <paramref name="chipPath"/>, those something holds (flag USED), with
    /// the consumer the kernel reports; lines it cannot ask about are left out.
    /// </summary>
    public static unsafe IReadOnlyList<GpioLineHolder> Holders(string chipPath, IEnumerable<int> lines)
    {
        var holders = new List<GpioLineHolder>();
        int fd = Libc.Open(chipPath, Libc.O_RDONLY | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            return holders;
        }

        try
        {
            foreach (int line in lines)
            {
                if (line < 0)
                {
                    continue;
                }

                GpioV2LineInfo info = default; // padding must be zero
                info.Offset = (uint)line;
                if (Libc.Ioctl(fd, GpioUapi.GPIO_V2_GET_LINEINFO_IOCTL, &info) < 0 || (info.Flags & GpioUapi.GPIO_V2_LINE_FLAG_USED) == 0)
                {
                    continue;
                }

                holders.Add(new GpioLineHolder(line, CString(info.Name, GpioUapi.GPIO_MAX_NAME_SIZE), CString(info.Consumer, GpioUapi.GPIO_MAX_NAME_SIZE)));
            }
        }
        finally
        {
            Libc.Close(fd);
        }

        return holders;
    }

    /// <summary>
    /// The EBUSY message of a line request: which lines are held and by whom (an empty consumer is a kernel
    /// driver or a pin function such as SPI or UART claiming it).
    /// </summary>
    public static string BusyMessage(string chipPath, IReadOnlyList<GpioLineHolder> holders)
    {
        var text = new StringBuilder($"cannot request the lines of {chipPath}: ");
        if (holders.Count == 0)
        {
            return text.Append("a line is busy (EBUSY), but the chip names no holder; see `gpioinfo`").ToString();
        }

        for (int i = 0; i < holders.Count; i++)
        {
            GpioLineHolder h = holders[i];
            text.Append(i == 0 ? "line " : "; line ").Append(h.Line);
            if (h.Name.Length > 0 && h.Name != h.Line.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                text.Append(" (").Append(h.Name).Append(')');
            }

            text.Append(h.Consumer.Length > 0
                ? $" is held by \"{h.Consumer}\""
                : " is held by the kernel (a driver or a pin function such as SPI, UART or 1-Wire)");
        }

        return text.Append(". Stop that program or overlay, or give --bank0-lines without those lines").ToString();
    }

    private static unsafe string CString(byte* chars, int size)
    {
        int n = 0;
        while (n < size && chars[n] != 0)
        {
            n++;
        }

        return Encoding.UTF8.GetString(chars, n);
    }

    /// <summary>gpiochip2 before gpiochip10.</summary>
    private static int NaturalOrder(string a, string b)
    {
        int c = a.Length.CompareTo(b.Length);
        return c != 0 ? c : string.CompareOrdinal(a, b);
    }
}
