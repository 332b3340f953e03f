using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Threading;
using Gateway.Board.RaspberryPi.Gpio;
using Gateway.Board.RaspberryPi.Interop;
using Gateway.Board.RaspberryPi.Spi;
using Gateway.Devices.Hal;
using Gateway.Transports.Desktop;
using Gateway.Protocol.Desktop.Platform;
using Gateway.Protocol.Link;
using Gateway.Transports.Desktop.Serial;
using Gateway.Transports.Desktop.Tcp;

namespace Gateway.Board.RaspberryPi;

/// <summary>
/// The Raspberry Pi board app (boards/raspberry-pi): options, key, model, the Linux HAL adapters, <see cref="PiBoard.Compose"/>,
/// then the link on TCP and/or a tty until stopped (SIGTERM from systemd, Ctrl-C). Exit codes: 0 stopped; 1 a failure
/// that may pass (systemd restarts); 2 usage; 3 a setup to fix first (the unit's RestartPreventExitStatus= holds 2 and 3).
/// </summary>
public static class PiApp
{
    public const int ExitStopped = 0;
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;
    public const int ExitSetup = 3;

    public static int Run(string[] args, TextWriter output, TextWriter errors, CancellationToken stop) =>
        Run(args, output, errors, stop, PiSystem.Real);

    public static int Run(string[] args, TextWriter output, TextWriter errors, CancellationToken stop, PiSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (!PiOptions.TryParse(args, out var options, out string? error))
        {
            errors.WriteLine($"gateway-pi: {error}");
            errors.WriteLine("Try 'gateway-pi --help'.");
            return ExitUsage;
        }

        if (options.Help)
        {
            output.WriteLine(PiOptions.Usage);
            return ExitStopped;
        }

        var log = new ConsoleLog("gateway-pi", writer: errors);
        if (!KeyFile.TryLoad(options.KeyFile, out byte[] key, out error))
        {
            errors.WriteLine($"gateway-pi: {error}");
            return ExitSetup;
        }

        if (DevelopmentKey.Is(key))
        {
            // The development key is public: a board holding it would be open to anyone (hardware-docs/link.md §6).
            Array.Clear(key);
            errors.WriteLine($"gateway-pi: {options.KeyFile} holds the public development key of the emulated board; a real board needs its own key: head -c 32 /dev/urandom > {options.KeyFile} && chmod 600 {options.KeyFile}");
            return ExitSetup;
        }

        LinuxGpioBank? bank0 = null;
        SpidevBus? spi0 = null;
        try
        {
            if (!ResolveChip(options, system, log, out string chipPath, out PiModel model, out error))
            {
                errors.WriteLine($"gateway-pi: {error}");
                return ExitSetup;
            }

            options = options with { Model = model };
            bank0 = LinuxGpioBank.Open(chipPath, options.Bank0Lines, log: log);
            spi0 = options.SpiDevices.Length > 0 ? SpidevBus.Open(options.SpiDevices) : null;
            var settings = new SerialSettings { BaudRate = options.Baud };
            if (options.SerialPath != null)
            {
                // Fail now, with the reason, rather than retrying in the background a tty that can never open.
                SerialByteStream.Open(options.SerialPath, settings).Dispose();
            }

            if (!CryptoWorks(out error))
            {
                errors.WriteLine($"gateway-pi: {error}");
                return ExitSetup;
            }

            using var board = PiBoard.Compose(options, new IGpioBank[] { bank0 }, spi0, new SystemClock(), key, log);
            Array.Clear(key);
            board.Devices.Status.AddSource(new EdgeStatusSource(bank0.Edges));
            errors.WriteLine($"gateway-pi: {board.Definition.Model}, bank0 on {chipPath} ({bank0.PinCount} pins), " +
                $"spi0 {(spi0 == null ? "none" : spi0.ToString())}, firmware {PiBoard.FirmwareVersion}");
            return Serve(board, options, settings, output, stop);
        }
        catch (LinuxErrorException e)
        {
            errors.WriteLine($"gateway-pi: {e.Message}");
            return IsSetupErrno(e.Errno) ? ExitSetup : ExitFailed;
        }
        catch (TransportException e)
        {
            errors.WriteLine($"gateway-pi: {e.Message}{SerialHint(e, options)}");
            return IsSetupError(e.Error) ? ExitSetup : ExitFailed;
        }
        catch (ArgumentException e)
        {
            errors.WriteLine($"gateway-pi: {e.Message}");
            return ExitSetup;
        }
        catch (IOException e)
        {
            errors.WriteLine($"gateway-pi: {e.Message}");
            return ExitFailed;
        }
        finally
        {
            Array.Clear(key);
            spi0?.Dispose();
            bank0?.Dispose();
        }
    }

    /// <summary>
    /// The model and the header chip: the model from --model, else the device tree; the chip from --gpiochip, else the
    /// chip labelled for the model (with no model known, the chip's label decides it).
    /// </summary>
    internal static bool ResolveChip(PiOptions options, PiSystem system, ConsoleLog log, out string chipPath, out PiModel model, out string? error)
    {
        PiModel? wanted = options.Model;
        if (options.AutoModel)
        {
            wanted = PiModelDetection.FromDeviceTree(system.CompatiblePath, out string found);
            log.Info(wanted == null
                ? $"model: not named by the device tree ({found}); the GPIO chip's label decides"
                : $"model: {PiBoard.ModelName(wanted.Value)} (device tree: {found})");
        }

        if (options.GpioChip != PiOptions.AutoChip)
        {
            chipPath = options.GpioChip;
            model = wanted ?? ModelOfChip(chipPath) ?? PiModel.Pi4;
            error = null;
            return true;
        }

        IReadOnlyList<GpioChipProbe> probes = GpioChip.Probe(system.DevDirectory);
        if (!GpioChipChoice.TryChoose(probes, wanted, UnixIdentity.CurrentUid, UnixIdentity.CurrentGroups(), out var chip, out model, out error))
        {
            chipPath = "";
            return false;
        }

        chipPath = chip!.Path;
        return true;
    }

    /// <summary>The model a chip's label names, or null when it cannot be read or names neither Pi.</summary>
    private static PiModel? ModelOfChip(string path)
    {
        try
        {
            return GpioChip.ModelOfLabel(GpioChip.Describe(path).Label);
        }
        catch (LinuxErrorException)
        {
            return null; // LinuxGpioBank.Open reports the file's problem.
        }
    }

    /// <summary>Errnos a restart cannot cure: a device that is missing, forbidden, or not what it should be.</summary>
    internal static bool IsSetupErrno(int errno) =>
        errno is Libc.ENOENT or Libc.EACCES or Libc.EPERM or Libc.ENODEV or Libc.ENXIO or Libc.ENOTTY or Libc.ENOSYS or Libc.EINVAL;

    internal static bool IsSetupError(TransportError error) =>
        error is TransportError.NotFound or TransportError.AccessDenied or TransportError.NotATerminal
            or TransportError.UnsupportedBaudRate or TransportError.NotSupportedOnPlatform;

    /// <summary>What to enable when the link's tty is missing.</summary>
    internal static string SerialHint(TransportException e, PiOptions options)
    {
        if (e.Error != TransportError.NotFound || options.SerialPath == null)
        {
            return "";
        }

        if (UsbGadgetSerial.IsGadgetTty(options.SerialPath))
        {
            return " (the USB gadget is not loaded: dtoverlay=dwc2,dr_mode=peripheral in /boot/firmware/config.txt and " +
                "modules-load=dwc2,g_serial in /boot/firmware/cmdline.txt, then reboot)";
        }

        return options.SerialPath.Contains("ttyAMA", StringComparison.Ordinal)
            ? " (the header UART is off: on a Pi 5 dtparam=uart0=on, on a Pi 4 enable_uart=1 and dtoverlay=disable-bt, " +
              "in /boot/firmware/config.txt, then reboot)"
            : "";
    }

    /// <summary>
    /// HMAC-SHA-256 and the boot id come from OpenSSL (libssl.so.3) on Linux, which .NET loads at first use and, when
    /// it is missing, aborts the process ("No usable version of libssl was found"). Look for it first, so a system
    /// without it is told what to install instead.
    /// </summary>
    private static bool CryptoWorks(out string? error)
    {
        error = null;
        if (OperatingSystem.IsLinux() && !LibSslPresent())
        {
            error = "OpenSSL's libssl.so.3 is not installed, and the link's HMAC-SHA-256 needs it: sudo apt install libssl3 " +
                "(libssl3t64 on Trixie; Raspberry Pi OS has it)";
            return false;
        }

        try
        {
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(new byte[16], ReadOnlySpan<byte>.Empty, mac);
            return true;
        }
        catch (Exception e) when (e is CryptographicException or DllNotFoundException or TypeInitializationException or PlatformNotSupportedException)
        {
            error = $"HMAC-SHA-256 is unavailable ({e.GetBaseException().Message}): install OpenSSL's library (sudo apt install libssl3, " +
                "libssl3t64 on Trixie)";
            return false;
        }
    }

    private static bool LibSslPresent()
    {
        foreach (string name in new[] { "libssl.so.3", "libssl.so.1.1" })
        {
            if (System.Runtime.InteropServices.NativeLibrary.TryLoad(name, out nint handle))
            {
                System.Runtime.InteropServices.NativeLibrary.Free(handle);
                return true;
            }
        }

        return false;
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
                listener = new TcpBoardListener(new IPEndPoint(IPAddress.Parse(options.TcpHost), options.TcpPort), board.TcpConnections());
                output.WriteLine($"tcp {listener.LocalEndPoint}");
                TcpBoardListener l = listener;
                threads.Add(Start("gateway-pi accept", () => board.ServeTcp(l, stop)));
            }

            if (options.SerialPath != null)
            {
                // A USB gadget tty has no line rate: say so rather than print a speed that means nothing.
                output.WriteLine(UsbGadgetSerial.IsGadgetTty(options.SerialPath)
                    ? $"serial {options.SerialPath} usb-gadget"
                    : $"serial {options.SerialPath} {options.Baud}");
                string path = options.SerialPath;
                threads.Add(Start("gateway-pi serial", () => board.ServeSerial(path, settings, stop)));
            }

            output.WriteLine("ready");
            output.Flush();
            stop.WaitHandle.WaitOne();
            return ExitStopped;
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
