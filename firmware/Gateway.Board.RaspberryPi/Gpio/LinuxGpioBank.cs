using System;
using System.IO;
using System.Text;
using Gateway.Board.RaspberryPi.Interop;
using Gateway.Devices.Hal;
using Gateway.Protocol.Platform;

namespace Gateway.Board.RaspberryPi.Gpio;

/// <summary>
/// A GPIO bank over the Linux GPIO character device, uAPI v2: all present pins in one line request
/// (one fd), reconfigured with GPIO_V2_LINE_SET_CONFIG_IOCTL, read and written with
/// GPIO_V2_LINE_GET/SET_VALUES_IOCTL, edges read from the request fd by an <see cref="EdgeEventReader"/>
/// (one HAL edge per kernel event). Works the same on a Pi 4 (BCM2711) and a Pi 5 (RP1).
/// </summary>
/// <remarks>
/// Bank pin n is chip line <c>lineOffsets[n]</c> (BCM numbering on the Pi), −1 for a pin that is
/// absent. Pins start as inputs with no edge detection and their bias untouched (<see cref="LineSettings"/>).
/// Hardware failures throw <see cref="LinuxErrorException"/> naming the chip and the errno; EBUSY names the
/// held lines and their consumers.
/// </remarks>
public sealed class LinuxGpioBank : IGpioBank, IDisposable
{
    /// <summary>Events the kernel keeps per request before dropping the oldest (its maximum; the default is 16 per line).</summary>
    public const int EventBufferSize = GpioUapi.GPIO_V2_LINES_MAX * 16;

    private readonly string _chipPath;
    private readonly int _fd;
    private readonly int[] _pinOfPosition;
    private readonly int[] _lineOfPin;
    private readonly object _gate = new();
    private readonly LineSettings _settings;
    private readonly EdgeEventReader _reader;
    private volatile bool _disposed;

    private LinuxGpioBank(string chipPath, int fd, int[] lineOfPin, int[] pinOfPosition, uint present, ILog? log)
    {
        _chipPath = chipPath;
        _fd = fd;
        _lineOfPin = lineOfPin;
        _pinOfPosition = pinOfPosition;
        _settings = new LineSettings(pinOfPosition);
        PinCount = lineOfPin.Length;
        PresentPins = present;
        _reader = new EdgeEventReader(fd, chipPath, PinOfLine, (rising, falling) => EdgeDetected?.Invoke(rising, falling), log);
        _reader.Start();
    }

    public int PinCount { get; }

    public uint PresentPins { get; }

    public event GpioEdgeHandler? EdgeDetected;

    /// <summary>The edge reader's counters (for /fw/status).</summary>
    internal EdgeEventReader Edges => _reader;

    /// <summary>
    /// Requests the lines of a bank from <paramref name="chipPath"/>: <paramref name="lineOffsets"/>[n] is
    /// the chip line of bank pin n, or −1 when the pin is absent.
    /// </summary>
    public static unsafe LinuxGpioBank Open(string chipPath, int[] lineOffsets, string consumer = "gateway", ILog? log = null)
    {
        GpioV2LineRequest request = CreateRequest(lineOffsets, consumer, out int[] positions, out uint presentMask);

        int chip = Libc.Open(chipPath, Libc.O_RDWR | Libc.O_CLOEXEC);
        if (chip < 0)
        {
            int errno = Libc.LastError;
            throw new LinuxErrorException(errno, $"cannot open {chipPath}: {Libc.Describe(errno)}");
        }

        try
        {
            if (Libc.Ioctl(chip, GpioUapi.GPIO_V2_GET_LINE_IOCTL, &request) < 0)
            {
                int errno = Libc.LastError;
                if (errno == Libc.EBUSY)
                {
                    // Name the line and its holder (GPIO_V2_GET_LINEINFO_IOCTL), not just "busy".
                    throw new LinuxErrorException(errno, GpioChip.BusyMessage(chipPath, GpioChip.Holders(chipPath, lineOffsets)));
                }

                // ENOTTY from Linux; ENOSYS from an emulator (qemu-user) that does not translate GPIO ioctls.
                throw new LinuxErrorException(errno, errno is Libc.ENOTTY or Libc.ENOSYS
                    ? $"{chipPath} is not a GPIO chip: {Libc.Describe(errno)}"
                    : $"cannot request lines {string.Join(",", lineOffsets)} of {chipPath}: {Libc.Describe(errno)}");
            }
        }
        finally
        {
            // The line request keeps its own fd; the chip fd is no longer needed.
            Libc.Close(chip);
        }

        return new LinuxGpioBank(chipPath, request.Fd, (int[])lineOffsets.Clone(), positions, presentMask, log);
    }

    /// <summary>
    /// The GPIO_V2_GET_LINE_IOCTL argument for a bank: every present pin an input, no edges, bias as it is (no bias
    /// flag), the kernel's largest event buffer.
    /// </summary>
    internal static unsafe GpioV2LineRequest CreateRequest(int[] lineOffsets, string consumer, out int[] positions, out uint presentMask)
    {
        ArgumentNullException.ThrowIfNull(lineOffsets);
        ArgumentNullException.ThrowIfNull(consumer);
        if (lineOffsets.Length is < 1 or > 32)
        {
            throw new ArgumentException("A bank has 1–32 pins.", nameof(lineOffsets));
        }

        int present = 0;
        presentMask = 0;
        positions = new int[lineOffsets.Length];
        for (int pin = 0; pin < lineOffsets.Length; pin++)
        {
            if (lineOffsets[pin] >= 0)
            {
                positions[present++] = pin;
                presentMask |= 1u << pin;
            }
        }

        if (present == 0)
        {
            throw new ArgumentException("A bank needs at least one present pin.", nameof(lineOffsets));
        }

        Array.Resize(ref positions, present);
        if (!LineConfigBuilder.TryBuild(new LineSettings(positions).Flags(), 0, out var config, out string? error))
        {
            throw new ArgumentException(error, nameof(lineOffsets));
        }

        GpioV2LineRequest request = default;
        for (int p = 0; p < present; p++)
        {
            request.Offsets[p] = (uint)lineOffsets[positions[p]];
        }

        byte[] name = Encoding.UTF8.GetBytes(consumer);
        for (int i = 0; i < name.Length && i < GpioUapi.GPIO_MAX_NAME_SIZE - 1; i++)
        {
            request.Consumer[i] = name[i];
        }

        request.Config = config;
        request.NumLines = (uint)present;
        request.EventBufferSize = EventBufferSize;
        return request;
    }

    public unsafe uint ReadInputs()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            GpioV2LineValues values = default;
            values.Mask = AllPositions;
            Check(Libc.Ioctl(_fd, GpioUapi.GPIO_V2_LINE_GET_VALUES_IOCTL, &values), "read levels");
            return ToPins(values.Bits);
        }
    }

    public unsafe void WriteOutputs(uint mask, uint values)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            mask &= PresentPins;
            _settings.SetLatch(mask, values);
            uint drive = mask & _settings.Outputs;
            if (drive == 0)
            {
                return;
            }

            // The kernel refuses SET_VALUES on input lines (EPERM): they take the latch when they turn.
            GpioV2LineValues lineValues = default;
            lineValues.Mask = ToPositions(drive);
            lineValues.Bits = ToPositions(_settings.Latch & drive);
            Check(Libc.Ioctl(_fd, GpioUapi.GPIO_V2_LINE_SET_VALUES_IOCTL, &lineValues), "write outputs");
        }
    }

    public void SetDirections(uint mask, uint outputs)
    {
        lock (_gate)
        {
            _settings.SetDirections(mask & PresentPins, outputs);
            ApplyConfig();
        }
    }

    public void SetPulls(uint mask, uint pullUps, uint pullDowns)
    {
        lock (_gate)
        {
            _settings.SetPulls(mask & PresentPins, pullUps, pullDowns);
            ApplyConfig();
        }
    }

    public void EnableEdges(uint risingPins, uint fallingPins)
    {
        lock (_gate)
        {
            _settings.SetEdges(risingPins & PresentPins, fallingPins & PresentPins);
            ApplyConfig();
        }
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
        }

        _reader.Dispose();
        Libc.Close(_fd);
    }

    private ulong AllPositions => _pinOfPosition.Length == 64 ? ulong.MaxValue : (1UL << _pinOfPosition.Length) - 1;

    private unsafe void ApplyConfig()
    {
        ThrowIfDisposed();
        if (!LineConfigBuilder.TryBuild(_settings.Flags(), ToPositions(_settings.Latch), out var config, out string? error))
        {
            throw new IOException($"{_chipPath}: {error}");
        }

        Check(Libc.Ioctl(_fd, GpioUapi.GPIO_V2_LINE_SET_CONFIG_IOCTL, &config), "configure lines");
    }

    private ulong ToPositions(uint pins)
    {
        ulong bits = 0;
        for (int p = 0; p < _pinOfPosition.Length; p++)
        {
            if ((pins & (1u << _pinOfPosition[p])) != 0)
            {
                bits |= 1UL << p;
            }
        }

        return bits;
    }

    private uint ToPins(ulong positions)
    {
        uint pins = 0;
        for (int p = 0; p < _pinOfPosition.Length; p++)
        {
            if ((positions & (1UL << p)) != 0)
            {
                pins |= 1u << _pinOfPosition[p];
            }
        }

        return pins;
    }

    private int PinOfLine(uint line)
    {
        for (int pin = 0; pin < _lineOfPin.Length; pin++)
        {
            if (_lineOfPin[pin] == line)
            {
                return pin;
            }
        }

        return -1;
    }

    private void Check(int result, string what)
    {
        if (result < 0)
        {
            int errno = Libc.LastError;
            throw new LinuxErrorException(errno, $"{_chipPath}: cannot {what}: {Libc.Describe(errno)}");
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
