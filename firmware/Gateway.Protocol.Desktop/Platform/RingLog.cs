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
    private readonly ILog inner;
    private readonly string?[] lines;
    private readonly bool[] warn;
    private readonly int linesPerSecond;
    private readonly object gate = new();
    private readonly AutoResetEvent wake = new(false);
    private readonly Thread writer;
    private int head;
    private int count;
    private long suppressed;
    private long secondStartMs;
    private int linesThisSecond;
    private volatile bool disposed;

    /// <param name="inner">Where lines finally go (it may block; only the ring's thread calls it).</param>
    /// <param name="capacity">Lines waiting at most.</param>
    /// <param name="linesPerSecond">Lines taken per second at most.</param>
    public RingLog(ILog inner, int capacity = 256, int linesPerSecond = 50)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(linesPerSecond, 1);
        this.inner = inner;
        lines = new string?[capacity];
        this.warn = new bool[capacity];
        this.linesPerSecond = linesPerSecond;
        writer = new Thread(Run) { IsBackground = true, Name = "board-log" };
        writer.Start();
    }

    public void Info(string message) => Put(message, false);

    public void Warn(string message) => Put(message, true);

    /// <summary>Stops the writer thread; lines still in the ring are dropped.</summary>
    public void Dispose()
    {
        disposed = true;
        wake.Set();
    }

    private void Put(string message, bool warn)
    {
        lock (gate)
        {
            long now = Environment.TickCount64;
            if (now - secondStartMs >= 1000)
            {
                secondStartMs = now;
                linesThisSecond = 0;
            }

            if (linesThisSecond >= this.linesPerSecond || count == lines.Length)
            {
                this.suppressed++;
                return;
            }

            linesThisSecond++;
            int at = (head + count) % lines.Length;
            lines[at] = message;
            this.warn[at] = warn;
            count++;
        }

        wake.Set();
    }

    private void Run()
    {
        while (!disposed)
        {
            string? line = null;
            bool warn = false;
            long suppressed = 0;
            lock (gate)
            {
                if (count > 0)
                {
                    line = lines[head];
                    warn = this.warn[head];
                    lines[head] = null;
                    head = (head + 1) % lines.Length;
                    count--;
                }
                else if (this.suppressed > 0)
                {
                    suppressed = this.suppressed;
                    this.suppressed = 0;
                }
            }

            try
            {
                if (line != null)
                {
                    if (warn)
                    {
                        this.inner.Warn(line);
                    }
                    else
                    {
                        this.inner.Info(line);
                    }
                }
                else if (suppressed > 0)
                {
                    this.inner.Warn($"{suppressed} more suppressed");
                }
                else
                {
                    wake.WaitOne(1000);
                }
            }
            catch (Exception)
            {
                // A log that cannot be written is not the board's problem: the line is gone.
            }
        }
    }
}
