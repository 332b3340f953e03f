using System;
using System.Collections.Generic;
using System.Globalization;
using Gateway.Transports.Desktop.Serial;

namespace Gateway.Board.RaspberryPi;

/// <summary>
/// The Pi app's command line (boards/raspberry-pi/README.md). Defaults match the board folder:
/// bank0 = BCM 5,6,12,13,16,17,22,23 (loopback wire bank0 pin 4 → pin 5 = BCM16 → BCM17), SPI0 CE0/CE1,
/// the key in /etc/gateway/board.key, the link on TCP port 7447. Beyond each value's own form, the options
/// must fit together: the declared loopback wire needs bank0 pins 4 and 5, the declared EEPROM needs a CS0.
/// </summary>
public sealed record PiOptions
{
    public const string DefaultKeyFile = "/etc/gateway/board.key";
    public const int DefaultTcpPort = 7447;
    public const int DefaultBaud = 921_600;
    public const string AutoChip = "auto";

    public static readonly int[] DefaultBank0Lines = { 5, 6, 12, 13, 16, 17, 22, 23 };
    public static readonly string[] DefaultSpiDevices = { "/dev/spidev0.0", "/dev/spidev0.1" };

    /// <summary>The model; with <see cref="AutoModel"/> the app replaces it with the one it detects.</summary>
    public PiModel Model { get; init; } = PiModel.Pi4;

    /// <summary>True unless <c>--model pi4|pi5</c> was given: the model comes from the device tree (or the GPIO chip's label).</summary>
    public bool AutoModel { get; init; } = true;

    /// <summary>A /dev/gpiochipN path, or "auto" for the chip labelled for <see cref="Model"/>.</summary>
    public string GpioChip { get; init; } = AutoChip;

    /// <summary>Chip line (BCM number) of each bank0 pin; −1 for a pin that is absent.</summary>
    public int[] Bank0Lines { get; init; } = DefaultBank0Lines;

    /// <summary>spidev file per chip select of SPI0; empty (<c>--spi none</c>) for a Pi without SPI: no /dev/spi0 regions.</summary>
    public string[] SpiDevices { get; init; } = DefaultSpiDevices;

    public string KeyFile { get; init; } = DefaultKeyFile;

    /// <summary>A tty for the link (e.g. /dev/ttyGS0, /dev/ttyAMA0), or null for none.</summary>
    public string? SerialPath { get; init; }

    /// <summary>Whether the link is served on TCP: with <c>--tcp</c>, or when no <c>--serial</c> is given.</summary>
    public bool TcpEnabled { get; init; } = true;

    public int Baud { get; init; } = DefaultBaud;

    /// <summary>Address and port to listen on when <see cref="TcpEnabled"/>.</summary>
    public string TcpHost { get; init; } = "0.0.0.0";

    public int TcpPort { get; init; } = DefaultTcpPort;

    /// <summary>Whether the loopback wire bank0 pin 4 → pin 5 is fitted (declared in /fw/map).</summary>
    public bool LoopbackWire { get; init; } = true;

    /// <summary>Whether a 25LC256 EEPROM sits on SPI0 CS0 (declared in /fw/map).</summary>
    public bool Eeprom { get; init; } = true;

    public bool Help { get; init; }

    public const string Usage =
        """
        gateway-pi: the Gateway board on a Raspberry Pi 4 or 5

        Usage: gateway-pi [options]
          --model auto|pi4|pi5     board model (default auto: from /proc/device-tree/compatible,
                                   else from the GPIO chip's label)
          --gpiochip PATH|auto     GPIO chip (default auto: label pinctrl-bcm2711 on a Pi 4, pinctrl-rp1 on a Pi 5)
          --bank0-lines LIST       BCM line per bank0 pin, comma-separated, - for an absent pin
                                   (default 5,6,12,13,16,17,22,23)
          --spi PATH[,PATH...]|none
                                   spidev file per SPI0 chip select (default /dev/spidev0.0,/dev/spidev0.1);
                                   none: no SPI regions
          --key-file PATH          link key, mode 0600 (default /etc/gateway/board.key)
          --serial PATH            link over a tty (/dev/ttyGS0 USB gadget, /dev/ttyAMA0 UART)
          --baud N                 UART speed (default 921600; 9600 ... 3000000); a USB gadget
                                   tty (ttyGS*) has no line rate and ignores it
          --tcp [ADDRESS:]PORT     link over TCP (0.0.0.0:7447 unless only --serial is given;
                                   with --serial too, both are served)
          --no-loopback            the loopback wire bank0 pin 4 -> pin 5 is not fitted
          --no-eeprom              no 25LC256 EEPROM on SPI0 CS0
          -h, --help               this text

        Exit codes: 0 stopped; 1 a failure that may pass (a line busy, a port in use);
        2 usage; 3 a setup to fix first (key file, missing or forbidden device, wrong model).
        """;

    /// <summary>Parses <paramref name="args"/>; on failure <paramref name="error"/> says which option and why.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out PiOptions options, out string? error)
    {
        options = new PiOptions();
        error = null;
        bool sawSerial = false;
        bool sawTcp = false;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string? value = null;
            int eq = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                value = arg[(eq + 1)..];
                arg = arg[..eq];
            }

            bool Next(out string v)
            {
                if (value != null)
                {
                    v = value;
                    return true;
                }

                if (i + 1 < args.Count)
                {
                    v = args[++i];
                    return true;
                }

                v = "";
                return false;
            }

            string v;
            switch (arg)
            {
                case "-h":
                case "--help":
                    options = options with { Help = true };
                    break;
                case "--model":
                    if (!Next(out v))
                    {
                        return Fail(out error, "--model takes auto, pi4 or pi5");
                    }

                    if (v == "auto")
                    {
                        options = options with { AutoModel = true };
                        break;
                    }

                    if (!TryParseModel(v, out var model))
                    {
                        return Fail(out error, "--model takes auto, pi4 or pi5");
                    }

                    options = options with { Model = model, AutoModel = false };
                    break;
                case "--gpiochip":
                    if (!Next(out v) || !(v == AutoChip || v.StartsWith("/dev/", StringComparison.Ordinal)))
                    {
                        return Fail(out error, "--gpiochip takes auto or a /dev/gpiochipN path");
                    }

                    options = options with { GpioChip = v };
                    break;
                case "--bank0-lines":
                    if (!Next(out v))
                    {
                        return Fail(out error, "--bank0-lines takes a comma-separated list");
                    }

                    if (!TryParseLines(v, out int[] lines, out string? why))
                    {
                        return Fail(out error, "--bank0-lines: " + why);
                    }

                    options = options with { Bank0Lines = lines };
                    break;
                case "--spi":
                    if (!Next(out v) || v.Trim(',', ' ').Length == 0)
                    {
                        return Fail(out error, "--spi takes one or more spidev paths, or none");
                    }

                    options = options with
                    {
                        SpiDevices = v == "none" ? Array.Empty<string>() : v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    };
                    break;
                case "--key-file":
                    if (!Next(out v) || v.Length == 0)
                    {
                        return Fail(out error, "--key-file takes a path");
                    }

                    options = options with { KeyFile = v };
                    break;
                case "--serial":
                    if (!Next(out v) || v.Length == 0)
                    {
                        return Fail(out error, "--serial takes a tty path");
                    }

                    sawSerial = true;
                    options = options with { SerialPath = v };
                    break;
                case "--baud":
                    if (!Next(out v) || !int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int baud) || baud <= 0)
                    {
                        return Fail(out error, "--baud takes a positive number");
                    }

                    if (!SerialBaudRates.IsSupported(baud))
                    {
                        return Fail(out error, $"--baud {baud} is not a tty speed; use one of {string.Join(", ", SerialBaudRates.Supported)}");
                    }

                    options = options with { Baud = baud };
                    break;
                case "--tcp":
                    if (!Next(out v) || !TryParseEndpoint(v, out string host, out int port))
                    {
                        return Fail(out error, "--tcp takes [ADDRESS:]PORT: an IP address of this Pi and a port of 1-65535");
                    }

                    sawTcp = true;
                    options = options with { TcpHost = host, TcpPort = port };
                    break;
                case "--no-loopback":
                    options = options with { LoopbackWire = false };
                    break;
                case "--no-eeprom":
                    options = options with { Eeprom = false };
                    break;
                default:
                    return Fail(out error, $"unknown option {arg}");
            }
        }

        options = options with { TcpEnabled = sawTcp || !sawSerial };
        if (options.LoopbackWire && (options.Bank0Lines.Length < 6 || options.Bank0Lines[4] < 0 || options.Bank0Lines[5] < 0))
        {
            return Fail(out error, "the loopback wire bank0 pin 4 -> pin 5 needs both pins in --bank0-lines; without the wire give --no-loopback");
        }

        if (options.Eeprom && options.SpiDevices.Length == 0)
        {
            return Fail(out error, "the 25LC256 sits on SPI0 CS0, which --spi none leaves out; without it give --no-eeprom");
        }

        return true;
    }

    private static bool Fail(out string? error, string message)
    {
        error = message;
        return false;
    }

    private static bool TryParseModel(string v, out PiModel model)
    {
        switch (v.ToLowerInvariant())
        {
            case "pi4":
            case "4":
                model = PiModel.Pi4;
                return true;
            case "pi5":
            case "5":
                model = PiModel.Pi5;
                return true;
            default:
                model = default;
                return false;
        }
    }

    internal static bool TryParseLines(string v, out int[] lines, out string? error)
    {
        string[] parts = v.Split(',', StringSplitOptions.TrimEntries);
        lines = new int[parts.Length];
        error = null;
        if (parts.Length is < 1 or > 32)
        {
            error = "a bank has 1-32 pins";
            return false;
        }

        var seen = new HashSet<int>();
        bool anyPresent = false;
        for (int i = 0; i < parts.Length; i++)
        {
            if (parts[i] == "-")
            {
                lines[i] = -1;
                continue;
            }

            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out lines[i]) || lines[i] > 511)
            {
                error = $"pin {i}: '{parts[i]}' is not a line number";
                return false;
            }

            if (!seen.Add(lines[i]))
            {
                error = $"pin {i}: line {lines[i]} is used twice";
                return false;
            }

            anyPresent = true;
        }

        if (!anyPresent)
        {
            error = "at least one pin must be present";
            return false;
        }

        return true;
    }

    private static bool TryParseEndpoint(string v, out string host, out int port)
    {
        host = "0.0.0.0";
        string portText = v;
        int colon = v.LastIndexOf(':');
        if (colon >= 0)
        {
            host = v[..colon].Trim('[', ']');
            portText = v[(colon + 1)..];
            if (host.Length == 0)
            {
                host = "0.0.0.0";
            }
        }

        // The board listens on an address of its own, so a host name is not taken.
        return int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535
            && System.Net.IPAddress.TryParse(host, out _);
    }
}
