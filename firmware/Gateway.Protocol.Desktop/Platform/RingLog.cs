using System;
using System.Threading;
using Gateway.Protocol.Platform;

namespace Gateway.Protocol.Desktop.Platform;

/// <summary>
/// The board log between the board and a writer that may block (stderr on a pipe nobody reads, a full disk):
/// <see cref="Info"/> and <see cref="Warn"/> only put the line into a fixed ring and return; one background
/// thread writes the ring out. Bounded twice: at most <c>linesPerSecond</c> lines are taken per second and at most
/// <c>capacity</c> wait; the rest are counted and reported as one "N more suppressed" line when writing resumes.
/// So a flood of refusals costs the board a counter, never a stall, and never fills a disk.
/// </summary>
public sealed class RingLog : ILog, IDisposable
{
    private readonly ILog _inner;
    private readonly string?[] _lines;
    private readonly bool[] _warn;
    private readonly int _linesPerSecond;
    private readonly object _gate = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly Thread _writer;
    private int _head;
    private int _count;
    private long _suppressed;
    private long _secondStartMs;
    private int _linesThisSecond;
    private volatile bool _disposed;

    /// <param name="inner">Where lines finally go (it may block; only the ring's thread calls it).</param>
    /// <param name="capacity">Lines waiting at most.</param>
    /// <param name="linesPerSecond">Lines taken per second at most.</param>
    public RingLog(ILog inner, int capacity = 256, int linesPerSecond = 50)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(linesPerSecond, 1);
        _inner = inner;
        _lines = new string?[capacity];
        _warn = new bool[capacity];
        _linesPerSecond = linesPerSecond;
        _writer = new Thread(Run) { IsBackground = true, Name = "board-log" };
        _writer.Start();
    }

    public void Info(string message) => Put(message, false);

    public void Warn(string message) => Put(message, true);

    /// <summary>Stops the writer thread; lines still in the ring are dropped.</summary>
    public void Dispose()
    {
        _disposed = true;
        _wake.Set();
    }

    private void Put(string message, bool warn)
    {
        lock (_gate)
        {
            long now = Environment.TickCount64;
            if (now - _secondStartMs >= 1000)
            {
                _secondStartMs = now;
                _linesThisSecond = 0;
            }

            if (_linesThisSecond >= _linesPerSecond || _count == _lines.Length)
            {
                _suppressed++;
                return;
            }

            _linesThisSecond++;
            int at = (_head + _count) % _lines.Length;
            _lines[at] = message;
            _warn[at] = warn;
            _count++;
        }

        _wake.Set();
    }

    private void Run()
    {
        while (!_disposed)
        {
            string? line = null;
            bool warn = false;
            long suppressed = 0;
            lock (_gate)
            {
                if (_count > 0)
                {
                    line = _lines[_head];
                    warn = _warn[_head];
                    _lines[_head] = null;
                    _head = (_head + 1) % _lines.Length;
                    _count--;
                }
                else if (_suppressed > 0)
                {
                    suppressed = _suppressed;
                    _suppressed = 0;
                }
            }

            try
            {
                if (line != null)
                {
                    if (warn)
                    {
                        _inner.Warn(line);
                    }
                    else
                    {
                        _inner.Info(line);
                    }
                }
                else if (suppressed > 0)
                {
                    _inner.Warn($"{suppressed} more suppressed");
                }
                else
                {
                    _wake.WaitOne(1000);
                }
            }
            catch (Exception)
            {
                // A log that cannot be written is not the board's problem: the line is gone.
            }
        }
    }
}
