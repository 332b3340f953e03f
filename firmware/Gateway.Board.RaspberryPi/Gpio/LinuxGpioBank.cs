using System;
using System.IO;
using System.Text;
using System.Threading;
using Gateway.Board.RaspberryPi.Interop;
using Gateway.Devices.Hal;

namespace Gateway.Board.RaspberryPi.Gpio;

/// <summary>
/// A GPIO bank over the Linux GPIO character device, uAPI v2: all present pins in one line request
/// (one fd), reconfigured with GPIO_V2_LINE_SET_CONFIG_IOCTL, read and written with
/// GPIO_V2_LINE_GET/SET_VALUES_IOCTL, edges read from the request fd as <c>struct gpio_v2_line_event</c>
/// by a reader thread. Works the same on a Pi 4 (BCM2711) and a Pi 5 (RP1).
/// </summary>
/// <remarks>
/// Bank pin n is chip line <c>lineOffsets[n]</c> (BCM numbering on the Pi), −1 for a pin that is
/// absent. Pins start as inputs with bias disabled and no edge detection. Hardware failures (a line
/// busy, an ioctl refused) throw <see cref="IOException"/> naming the chip and the errno.
/// </remarks>
public sealed class LinuxGpioBank : IGpioBank, IDisposable
{
    private const int PollTimeoutMs = 200;
    private const int EventsPerRead = 16;

    private readonly string _chipPath;
    private readonly int _fd;
    private readonly int[] _pinOfPosition;
    private readonly int[] _lineOfPin;
    private readonly object _gate = new();
    private readonly Thread _reader;
    private volatile bool _disposed;

    private uint _outputs;
    private uint _latch;
    private uint _pullUps;
    private uint _pullDowns;
    private uint _rising;
    private uint _falling;

    private LinuxGpioBank(string chipPath, int fd, int[] lineOfPin, int[] pinOfPosition, uint present)
    {
        _chipPath = chipPath;
        _fd = fd;
        _lineOfPin = lineOfPin;
        _pinOfPosition = pinOfPosition;
        PinCount = lineOfPin.Length;
        PresentPins = present;
        _reader = new Thread(ReadEvents) { IsBackground = true, Name = "gpio-events " + chipPath };
        _reader.Start();
    }

    public int PinCount { get; }

    public uint PresentPins { get; }

    public event GpioEdgeHandler? EdgeDetected;

    /// <summary>
    /// Requests the lines of a bank from <paramref name="chipPath"/>: <paramref name="lineOffsets"/>[n] is
    /// the chip line of bank pin n, or −1 when the pin is absent.
    /// </summary>
    public static unsafe LinuxGpioBank Open(string chipPath, int[] lineOffsets, string consumer = "gateway")
    {
        ArgumentNullException.ThrowIfNull(lineOffsets);
        if (lineOffsets.Length is < 1 or > 32)
        {
            throw new ArgumentException("A bank has 1–32 pins.", nameof(lineOffsets));
        }

        int present = 0;
        uint presentMask = 0;
        var positions = new int[lineOffsets.Length];
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
        Span<ulong> flags = stackalloc ulong[present];
        flags.Fill(LineConfigBuilder.FlagsFor(output: false, pullUp: false, pullDown: false, rising: false, falling: false));
        if (!LineConfigBuilder.TryBuild(flags, 0, out var config, out string? error))
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

        int chip = Libc.Open(chipPath, Libc.O_RDWR | Libc.O_CLOEXEC);
        if (chip < 0)
        {
            throw new IOException($"cannot open {chipPath}: {Libc.Describe(Libc.LastError)}");
        }

        try
        {
            if (Libc.Ioctl(chip, GpioUapi.GPIO_V2_GET_LINE_IOCTL, &request) < 0)
            {
                throw new IOException($"cannot request lines {string.Join(",", lineOffsets)} of {chipPath}: {Libc.Describe(Libc.LastError)}");
            }
        }
        finally
        {
            // The line request keeps its own fd; the chip fd is no longer needed.
            Libc.Close(chip);
        }

        return new LinuxGpioBank(chipPath, request.Fd, (int[])lineOffsets.Clone(), positions, presentMask);
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
            _latch = (_latch & ~mask) | (values & mask);
            uint drive = mask & _outputs;
            if (drive == 0)
            {
                return;
            }

            // The kernel refuses SET_VALUES on input lines (EPERM): they take the latch when they turn.
            GpioV2LineValues lineValues = default;
            lineValues.Mask = ToPositions(drive);
            lineValues.Bits = ToPositions(_latch & drive);
            Check(Libc.Ioctl(_fd, GpioUapi.GPIO_V2_LINE_SET_VALUES_IOCTL, &lineValues), "write outputs");
        }
    }

    public void SetDirections(uint mask, uint outputs)
    {
        lock (_gate)
        {
            mask &= PresentPins;
            _outputs = (_outputs & ~mask) | (outputs & mask);
            ApplyConfig();
        }
    }

    public void SetPulls(uint mask, uint pullUps, uint pullDowns)
    {
        lock (_gate)
        {
            mask &= PresentPins;
            uint up = pullUps & mask;
            _pullUps = (_pullUps & ~mask) | up;
            _pullDowns = (_pullDowns & ~mask) | (pullDowns & mask & ~up);
            ApplyConfig();
        }
    }

    public void EnableEdges(uint risingPins, uint fallingPins)
    {
        lock (_gate)
        {
            _rising = risingPins & PresentPins;
            _falling = fallingPins & PresentPins;
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

        _reader.Join();
        Libc.Close(_fd);
    }

    private ulong AllPositions => _pinOfPosition.Length == 64 ? ulong.MaxValue : (1UL << _pinOfPosition.Length) - 1;

    private unsafe void ApplyConfig()
    {
        ThrowIfDisposed();
        Span<ulong> flags = stackalloc ulong[_pinOfPosition.Length];
        for (int p = 0; p < flags.Length; p++)
        {
            uint bit = 1u << _pinOfPosition[p];
            flags[p] = LineConfigBuilder.FlagsFor(
                (_outputs & bit) != 0, (_pullUps & bit) != 0, (_pullDowns & bit) != 0, (_rising & bit) != 0, (_falling & bit) != 0);
        }

        if (!LineConfigBuilder.TryBuild(flags, ToPositions(_latch), out var config, out string? error))
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

    private unsafe void ReadEvents()
    {
        var events = new GpioV2LineEvent[EventsPerRead];
        Libc.PollFd pollFd = default;
        pollFd.Fd = _fd;
        pollFd.Events = Libc.POLLIN;
        while (!_disposed)
        {
            pollFd.Revents = 0;
            int ready = Libc.Poll(&pollFd, 1, PollTimeoutMs);
            if (ready <= 0 || (pollFd.Revents & Libc.POLLIN) == 0)
            {
                continue;
            }

            nint got;
            fixed (GpioV2LineEvent* buffer = events)
            {
                got = Libc.Read(_fd, buffer, (nuint)(EventsPerRead * GpioV2LineEvent.Size));
            }

            uint rising = 0;
            uint falling = 0;
            for (int i = 0; i < got / GpioV2LineEvent.Size; i++)
            {
                int pin = PinOfLine(events[i].Offset);
                if (pin < 0)
                {
                    continue;
                }

                if (events[i].Id == GpioUapi.GPIO_V2_LINE_EVENT_RISING_EDGE)
                {
                    rising |= 1u << pin;
                }
                else if (events[i].Id == GpioUapi.GPIO_V2_LINE_EVENT_FALLING_EDGE)
                {
                    falling |= 1u << pin;
                }
            }

            if ((rising | falling) != 0)
            {
                EdgeDetected?.Invoke(rising, falling);
            }
        }
    }

    private void Check(int result, string what)
    {
        if (result < 0)
        {
            throw new IOException($"{_chipPath}: cannot {what}: {Libc.Describe(Libc.LastError)}");
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
