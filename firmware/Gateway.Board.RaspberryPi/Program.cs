using System;
using Gateway.Transports.Desktop.Platform;
using System.IO;
using Gateway.Board.RaspberryPi.Gpio;
using Gateway.Board.RaspberryPi.Spi;

namespace Gateway.Board.RaspberryPi;

/// <summary>
/// The Raspberry Pi board app (boards/raspberry-pi): parses the options, loads the key, opens the HAL
/// adapters. Exit codes: 0 done, 1 hardware or key refused, 2 usage.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (!PiOptions.TryParse(args, out var options, out string? error))
        {
            Console.Error.WriteLine($"gateway-pi: {error}");
            Console.Error.WriteLine("Try 'gateway-pi --help'.");
            return 2;
        }

        if (options.Help)
        {
            Console.WriteLine(PiOptions.Usage);
            return 0;
        }

        if (!KeyFile.TryLoad(options.KeyFile, out byte[] key, out error))
        {
            Console.Error.WriteLine($"gateway-pi: {error}");
            return 1;
        }

        var hmac = new Sha256Hmac(key);
        Array.Clear(key);
        var clock = new LinuxClock();

        string chipPath = options.GpioChip;
        if (chipPath == PiOptions.AutoChip)
        {
            string label = options.Model == PiModel.Pi5 ? GpioChip.Pi5Label : GpioChip.Pi4Label;
            var chip = GpioChip.FindByLabel(label);
            if (chip == null)
            {
                Console.Error.WriteLine($"gateway-pi: no GPIO chip labelled {label}; give --gpiochip /dev/gpiochipN");
                return 1;
            }

            chipPath = chip.Path;
        }

        try
        {
            using var bank0 = LinuxGpioBank.Open(chipPath, options.Bank0Lines);
            using var spi0 = SpidevBus.Open(options.SpiDevices);
            Console.Error.WriteLine($"gateway-pi: {options.Model}, bank0 on {chipPath} ({bank0.PinCount} pins), spi0 on {spi0}, {hmac}");

            // TODO(integrator): compose the board here, as the emulated board does:
            //   - the regions of Gateway.Devices over bank0 (IGpioBank), spi0 (ISpiBus) and clock (IClock),
            //     declaring in /fw/map the loopback wire (options.LoopbackWire: bank0 pin 4 -> pin 5) and the
            //     25LC256 on spi0 CS0 (options.Eeprom), and the /dev/mem window 4096 bytes at 0xFE200000 = bank0;
            //   - the resource manager (Pi limits: 4 sessions, 64 OCBs, frames of 16 KiB plus headroom);
            //   - the link over options.SerialPath at options.Baud (Gateway.Transports.Desktop termios tty) or a
            //     TCP listener on options.TcpHost:options.TcpPort, authenticated with hmac;
            //   - run until SIGTERM (systemd stop), then dispose bank0 and spi0.
            Console.Error.WriteLine("gateway-pi: the resource manager and link are not composed yet (TODO in Program.cs)");
            return 1;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"gateway-pi: {e.Message}");
            return 1;
        }
    }
}
