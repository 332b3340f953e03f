using System;
using System.IO;
using Gateway.Board.RaspberryPi.Interop;
using Gateway.Devices.Hal;

namespace Gateway.Board.RaspberryPi.Spi;

/// <summary>
/// An SPI bus over Linux spidev: chip select n is the device file <c>devicePaths[n]</c>
/// (e.g. /dev/spidev0.0 for CE0, /dev/spidev0.1 for CE1). One transfer is one SPI_IOC_MESSAGE(1)
/// with the clock and word size in the transfer; the mode is set with SPI_IOC_WR_MODE when it changes.
/// </summary>
/// <remarks>
/// The Pi 4's controller (BCM2835 SPI) moves 8-bit words only and refuses others with Linux EINVAL; the Pi 5's
/// (RP1, DesignWare SSI) moves 8, 16 and 32. spidev's default buffer limit is 4096 bytes per transfer
/// (module parameter <c>spidev.bufsiz</c>); longer transfers get EMSGSIZE. The kernel cannot say which setting it
/// refused, so Linux EINVAL and EMSGSIZE answer <see cref="SpiResult.InvalidTransfer"/>, any other errno
/// <see cref="SpiResult.ControllerFailed"/>.
/// </remarks>
public sealed class SpidevBus : ISpiBus, IDisposable
{
    private const int LinuxEinval = 22;
    private const int LinuxEmsgsize = 90;

    private readonly string[] _paths;
    private readonly int[] _fds;
    private readonly int[] _modes;
    private readonly object _gate = new();
    private bool _disposed;

    private SpidevBus(string[] paths, int[] fds)
    {
        _paths = paths;
        _fds = fds;
        _modes = new int[fds.Length];
        Array.Fill(_modes, -1);
    }

    public int ChipSelectCount => _fds.Length;

    /// <summary>Opens one spidev file per chip select; throws <see cref="IOException"/> naming the file that failed.</summary>
    public static SpidevBus Open(params string[] devicePaths)
    {
        ArgumentNullException.ThrowIfNull(devicePaths);
        if (devicePaths.Length == 0)
        {
            throw new ArgumentException("A bus needs at least one chip select.", nameof(devicePaths));
        }

        var fds = new int[devicePaths.Length];
        for (int cs = 0; cs < devicePaths.Length; cs++)
        {
            fds[cs] = Libc.Open(devicePaths[cs], Libc.O_RDWR | Libc.O_CLOEXEC);
            if (fds[cs] < 0)
            {
                int errno = Libc.LastError;
                for (int opened = 0; opened < cs; opened++)
                {
                    Libc.Close(fds[opened]);
                }

                throw new LinuxErrorException(errno, $"cannot open {devicePaths[cs]} (chip select {cs}): {Libc.Describe(errno)}{OpenHint(errno)}");
            }
        }

        return new SpidevBus((string[])devicePaths.Clone(), fds);
    }

    public unsafe SpiResult Transfer(int chipSelect, int mode, int clockHz, int wordBits,
        byte[] tx, int txOffset, byte[] rx, int rxOffset, int count)
    {
        SpiResult check = SpiTransferCheck.Validate(_fds.Length, chipSelect, mode, clockHz, wordBits,
            tx, txOffset, rx, rxOffset, count);
        if (check != SpiResult.Done || count == 0)
        {
            return check;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return SpiResult.ControllerFailed;
            }

            int fd = _fds[chipSelect];
            if (_modes[chipSelect] != mode)
            {
                byte spiMode = (byte)(mode & SpiDev.SPI_MODE_MASK);
                if (Libc.Ioctl(fd, SpiDev.SPI_IOC_WR_MODE, &spiMode) < 0)
                {
                    return ResultOf(Libc.LastError);
                }

                _modes[chipSelect] = mode;
            }

            fixed (byte* txBase = tx)
            fixed (byte* rxBase = rx)
            {
                SpiIocTransfer transfer = default;
                transfer.TxBuf = (ulong)(txBase + txOffset);
                transfer.RxBuf = (ulong)(rxBase + rxOffset);
                transfer.Len = (uint)count;
                transfer.SpeedHz = (uint)clockHz;
                transfer.BitsPerWord = (byte)wordBits;
                if (Libc.Ioctl(fd, SpiDev.SPI_IOC_MESSAGE(1), &transfer) < 0)
                {
                    return ResultOf(Libc.LastError);
                }
            }
        }

        return SpiResult.Done;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (int fd in _fds)
            {
                Libc.Close(fd);
            }
        }
    }

    /// <summary>What to do about a spidev file that does not open.</summary>
    internal static string OpenHint(int errno) => errno switch
    {
        Libc.ENOENT => "; SPI is off: add dtparam=spi=on to /boot/firmware/config.txt (or raspi-config → Interface Options → SPI) " +
            "and reboot, or run without SPI: --spi none --no-eeprom",
        Libc.EACCES or Libc.EPERM => "; the spidev files belong to group spi on Raspberry Pi OS: add the user to it (SupplementaryGroups=spi in the unit)",
        _ => "",
    };

    /// <summary>The QNX errno for a Linux spidev failure: bad arguments stay EINVAL, the rest is EIO.</summary>
    internal static SpiResult ResultOf(int linuxErrno) =>
        linuxErrno is LinuxEinval or LinuxEmsgsize ? SpiResult.InvalidTransfer : SpiResult.ControllerFailed;

    public override string ToString() => string.Join(",", _paths);
}
