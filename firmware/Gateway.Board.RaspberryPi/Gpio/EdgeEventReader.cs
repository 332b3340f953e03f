using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Gateway.Board.RaspberryPi.Interop;
using Gateway.Protocol.Platform;

namespace Gateway.Board.RaspberryPi.Gpio;

/// <summary>
/// Reads the edge events of a GPIO line request (<c>struct gpio_v2_line_event</c>, 48 bytes each, several per
/// read) on a thread of its own and hands every edge on, one call per edge, so nothing that counts edges
/// undercounts:
/// <list type="bullet">
/// <item>Each event is one call with its pin's bit, even when one read brings several events for one pin.</item>
/// <item>Events the kernel dropped because its FIFO was full show as a gap in the line's <c>line_seqno</c>
///   (it counts every edge the line saw since the request); the missing ones are handed on as edges of the
///   same kind as the event that revealed the gap (at most <see cref="ReplayCap"/> per gap) and counted in
///   <see cref="EventsLost"/>.</item>
/// <item>The kernel timestamp (CLOCK_MONOTONIC, the clock of <see cref="Stopwatch"/>) gives how late the event was
///   handed on: <see cref="LastLagNs"/> and <see cref="MaxLagNs"/>, shown in <c>/fw/status</c>.</item>
/// <item>A handler that throws is logged and counted; the reader goes on.</item>
/// <item>An fd that reports an error or hang-up without data (the chip went away) stops the reader with the
///   reason logged once, instead of polling it in a loop.</item>
/// </list>
/// </summary>
internal sealed unsafe class EdgeEventReader : IDisposable
{
    /// <summary>Most missing edges handed on for one gap; the rest are only counted.</summary>
    public const int ReplayCap = 1024;

    private const int PollTimeoutMs = 200;
    private const int EventsPerRead = 16;

    private readonly int _fd;
    private readonly string _name;
    private readonly Func<uint, int> _pinOfLine;
    private readonly Action<uint, uint> _edge;
    private readonly ILog? _log;
    private readonly uint[] _lastLineSeqno = new uint[32];
    private readonly Thread _thread;
    private volatile bool _stopping;
    private long _eventsRead;
    private long _eventsLost;
    private long _handlerFailures;
    private long _lastLagNs;
    private long _maxLagNs;
    private volatile string? _stopReason;

    /// <param name="fd">The line request's fd (or, in tests, any fd carrying the same records).</param>
    /// <param name="name">Names the source in log lines.</param>
    /// <param name="pinOfLine">The bank pin (0–31) of a chip line, or −1 for a line that is not ours.</param>
    /// <param name="edge">Called with (rising, falling) pin masks, one edge per call.</param>
    public EdgeEventReader(int fd, string name, Func<uint, int> pinOfLine, Action<uint, uint> edge, ILog? log)
    {
        _fd = fd;
        _name = name;
        _pinOfLine = pinOfLine;
        _edge = edge;
        _log = log;
        _thread = new Thread(Run) { IsBackground = true, Name = "gpio-events " + name };
    }

    /// <summary>Events read from the fd.</summary>
    public long EventsRead => Interlocked.Read(ref _eventsRead);

    /// <summary>Edges the kernel dropped (line_seqno gaps): counted and handed on, up to <see cref="ReplayCap"/> per gap.</summary>
    public long EventsLost => Interlocked.Read(ref _eventsLost);

    /// <summary>Handler calls that threw.</summary>
    public long HandlerFailures => Interlocked.Read(ref _handlerFailures);

    /// <summary>Kernel timestamp to hand-on of the latest event, in ns.</summary>
    public long LastLagNs => Interlocked.Read(ref _lastLagNs);

    /// <summary>The largest such delay seen.</summary>
    public long MaxLagNs => Interlocked.Read(ref _maxLagNs);

    /// <summary>Why the reader stopped on its own (the fd failed), or null while it runs or after Dispose.</summary>
    public string? StopReason => _stopReason;

    public void Start() => _thread.Start();

    /// <summary>Waits at most <paramref name="timeout"/> for the reader to end on its own (tests).</summary>
    public bool WaitStopped(TimeSpan timeout) => _thread.Join(timeout);

    /// <summary>Stops the thread (within one poll timeout); the fd stays the caller's to close.</summary>
    public void Dispose()
    {
        _stopping = true;
        if (_thread.ThreadState != System.Threading.ThreadState.Unstarted)
        {
            _thread.Join();
        }
    }

    private void Run()
    {
        var buffer = new GpioV2LineEvent[EventsPerRead];
        Libc.PollFd pollFd = default;
        pollFd.Fd = _fd;
        pollFd.Events = Libc.POLLIN;
        while (!_stopping)
        {
            pollFd.Revents = 0;
            int ready = Libc.Poll(&pollFd, 1, PollTimeoutMs);
            if (ready < 0)
            {
                int errno = Libc.LastError;
                if (errno == Libc.EINTR)
                {
                    continue;
                }

                Stop($"poll failed: {Libc.Describe(errno)}");
                return;
            }

            if (ready == 0)
            {
                continue;
            }

            if ((pollFd.Revents & Libc.POLLIN) == 0)
            {
                // POLLERR/POLLHUP/POLLNVAL without data: it will stay so (the chip was removed); polling on would spin.
                Stop($"the event fd reports {Describe(pollFd.Revents)} and no data");
                return;
            }

            nint got;
            fixed (GpioV2LineEvent* p = buffer)
            {
                got = Libc.Read(_fd, p, (nuint)(EventsPerRead * GpioV2LineEvent.Size));
            }

            if (got < 0)
            {
                int errno = Libc.LastError;
                if (errno is Libc.EINTR or Libc.EAGAIN)
                {
                    continue;
                }

                Stop($"read failed: {Libc.Describe(errno)}");
                return;
            }

            if (got == 0)
            {
                Stop("end of file");
                return;
            }

            // The kernel hands out whole events only.
            Dispatch(buffer, (int)(got / GpioV2LineEvent.Size));
        }
    }

    /// <summary>Hands on <paramref name="count"/> events (also used by tests on records they build).</summary>
    internal void Dispatch(GpioV2LineEvent[] events, int count)
    {
        long now = NowNs();
        for (int i = 0; i < count; i++)
        {
            ref GpioV2LineEvent e = ref events[i];
            Interlocked.Increment(ref _eventsRead);
            int pin = _pinOfLine(e.Offset);
            if (pin is < 0 or > 31)
            {
                continue;
            }

            uint bit = 1u << pin;
            uint rising = e.Id == GpioUapi.GPIO_V2_LINE_EVENT_RISING_EDGE ? bit : 0;
            uint falling = e.Id == GpioUapi.GPIO_V2_LINE_EVENT_FALLING_EDGE ? bit : 0;
            if ((rising | falling) == 0)
            {
                continue;
            }

            // line_seqno counts from 1 for each line of the request; a jump is edges the FIFO dropped.
            uint missing = unchecked(e.LineSeqno - _lastLineSeqno[pin] - 1);
            _lastLineSeqno[pin] = e.LineSeqno;
            if (missing != 0 && missing < int.MaxValue)
            {
                Interlocked.Add(ref _eventsLost, missing);
                _log?.Warn($"gpio: {_name}: {missing} edge(s) on line {e.Offset} were dropped by the kernel (event FIFO full); counted");
                for (uint k = 0; k < Math.Min(missing, (uint)ReplayCap); k++)
                {
                    Hand(rising, falling);
                }
            }

            Hand(rising, falling);
            if (e.TimestampNs != 0 && (long)e.TimestampNs <= now)
            {
                long lag = now - (long)e.TimestampNs;
                Interlocked.Exchange(ref _lastLagNs, lag);
                if (lag > Interlocked.Read(ref _maxLagNs))
                {
                    Interlocked.Exchange(ref _maxLagNs, lag);
                }
            }
        }
    }

    /// <summary>CLOCK_MONOTONIC in ns, the clock of the kernel's event timestamps.</summary>
    internal static long NowNs() => (long)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));

    private void Hand(uint rising, uint falling)
    {
        try
        {
            _edge(rising, falling);
        }
        catch (Exception e)
        {
            long n = Interlocked.Increment(ref _handlerFailures);
            if (n == 1 || n % 1000 == 0)
            {
                _log?.Warn($"gpio: {_name}: an edge handler failed ({n} so far): {e.GetType().Name}: {e.Message}");
            }
        }
    }

    private void Stop(string reason)
    {
        _stopReason = reason;
        _log?.Warn($"gpio: {_name}: edge events stopped: {reason}");
    }

    private static string Describe(short revents) =>
        string.Join("|", new[]
        {
            (revents & Libc.POLLERR) != 0 ? "POLLERR" : null,
            (revents & Libc.POLLHUP) != 0 ? "POLLHUP" : null,
            (revents & Libc.POLLNVAL) != 0 ? "POLLNVAL" : null,
        }.Where(s => s != null));
}
