using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Threading;
using Gateway.Board.RaspberryPi.Gpio;
using Gateway.Board.RaspberryPi.Spi;
using Gateway.Devices.Hal;
using Gateway.Transports.Desktop;
using Gateway.Protocol.Desktop.Platform;
using Gateway.Transports.Desktop.Serial;
using Gateway.Transports.Desktop.Tcp;

namespace Gateway.Board.RaspberryPi;

/// <summary>
/// The Raspberry Pi board app (boards/raspberry-pi): options, key, the Linux HAL adapters, <see cref="PiBoard.Compose"/>,
/// then the link on TCP and/or a tty until stopped (SIGTERM from systemd, Ctrl-C). Exit codes: 0 stopped,
/// 1 hardware, key or link endpoint refused, 2 usage.
/// </summary>
public static class PiApp
{
    public static int Run(string[] args, TextWriter output, TextWriter errors, CancellationToken stop)
    {
        if (!PiOptions.TryParse(args, out var options, out string? error))
        {
            errors.WriteLine($"gateway-pi: {error}");
            errors.WriteLine("Try 'gateway-pi --help'.");
            return 2;
        }

        if (options.Help)
        {
            output.WriteLine(PiOptions.Usage);
            return 0;
        }

        if (!KeyFile.TryLoad(options.KeyFile, out byte[] key, out error))
        {
            errors.WriteLine($"gateway-pi: {error}");
            return 1;
        }

        LinuxGpioBank? bank0 = null;
        SpidevBus? spi0 = null;
        try
        {
            string chipPath = options.GpioChip;
            if (chipPath == PiOptions.AutoChip)
            {
                string label = options.Model == PiModel.Pi5 ? GpioChip.Pi5Label : GpioChip.Pi4Label;
                var chip = GpioChip.FindByLabel(label);
                if (chip == null)
                {
                    errors.WriteLine($"gateway-pi: no GPIO chip labelled {label}; give --gpiochip /dev/gpiochipN");
                    return 1;
                }

                chipPath = chip.Path;
            }

            bank0 = LinuxGpioBank.Open(chipPath, options.Bank0Lines);
            spi0 = options.SpiDevices.Length > 0 ? SpidevBus.Open(options.SpiDevices) : null;
            var settings = new SerialSettings { BaudRate = options.Baud };
            if (options.SerialPath != null)
            {
                // Fail now, with the reason, rather than retrying in the background a tty that can never open.
                SerialByteStream.Open(options.SerialPath, settings).Dispose();
            }

            var log = new ConsoleLog("gateway-pi", writer: errors);
            using var board = PiBoard.Compose(options, new IGpioBank[] { bank0 }, spi0, new LinuxClock(), key, log);
            Array.Clear(key);
            errors.WriteLine($"gateway-pi: {board.Definition.Model}, bank0 on {chipPath} ({bank0.PinCount} pins), " +
                $"spi0 {(spi0 == null ? "none" : spi0.ToString())}, firmware {PiBoard.FirmwareVersion}");
            return Serve(board, options, settings, output, stop);
        }
        catch (Exception e) when (e is IOException or TransportException or ArgumentException)
        {
            errors.WriteLine($"gateway-pi: {e.Message}");
            return 1;
        }
        finally
        {
            Array.Clear(key);
            spi0?.Dispose();
            bank0?.Dispose();
        }
    }

    /// <summary>Runs the link endpoints the options ask for until <paramref name="stop"/>; then stops the board and waits for them.</summary>
    private static int Serve(PiBoard board, PiOptions options, SerialSettings settings, TextWriter output, CancellationToken stop)
    {
        var threads = new List<Thread>();
        TcpBoardListener? listener = null;
        try
        {
            if (options.TcpEnabled)
            {
                listener = new TcpBoardListener(new IPEndPoint(IPAddress.Parse(options.TcpHost), options.TcpPort), board.TcpConnections(options.SerialPath != null));
                output.WriteLine($"tcp {listener.LocalEndPoint}");
                TcpBoardListener l = listener;
                threads.Add(Start("gateway-pi accept", () => board.ServeTcp(l, stop)));
            }

            if (options.SerialPath != null)
            {
                output.WriteLine($"serial {options.SerialPath} {options.Baud}");
                string path = options.SerialPath;
                threads.Add(Start("gateway-pi serial", () => board.ServeSerial(path, settings, stop)));
            }

            output.WriteLine("ready");
            output.Flush();
            stop.WaitHandle.WaitOne();
            return 0;
        }
        finally
        {
            board.Dispose();
            listener?.Dispose();
            foreach (var t in threads)
            {
                t.Join();
            }
        }
    }

    private static Thread Start(string name, ThreadStart body)
    {
        var t = new Thread(body) { IsBackground = true, Name = name };
        t.Start();
        return t;
    }
}
