using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Gateway.Transports.Desktop.Paced;

/// <summary>
/// One wire of a <see cref="PacedSerialLine"/>: writes queue as segments with the bit time their transmission
/// starts; byte <c>k</c> of a segment arrives at <c>start + (k + 1) × bitsPerByte</c>. The wire carries one byte at
/// a time, so a write starts no earlier than the end of the one before it.
/// </summary>
internal sealed class PacedDirection(PacedSerialLine line)
{
    private readonly object gate = new();
    private readonly Queue<Segment> queue = new();
    private long wireFreeAt;
    private long bytes;
    private bool completed;
    private TaskCompletionSource? waiter;

    public long Bytes
    {
        get
        {
            lock (gate)
            {
                return bytes;
            }
        }
    }

    /// <summary>
    /// Puts <paramref name="data"/> on the wire at the writer's clock (or when the wire frees up), and returns when
    /// at most the line's transmit buffer of it is still waiting for the wire.
    /// </summary>
    public void Write(ReadOnlySpan<byte> data, PacedSerialLine.EndpointClock writer)
    {
        if (data.IsEmpty)
        {
            return;
        }

        TaskCompletionSource? wake;
        long buffered;
        lock (gate)
        {
            if (completed)
            {
                throw new IOException("the paced serial line is closed");
            }

            long start = Math.Max(writer.Now, wireFreeAt);
            wireFreeAt = start + ((long)data.Length * line.BitsPerByte);
            bytes += data.Length;
            queue.Enqueue(new Segment(data.ToArray(), start));
            buffered = wireFreeAt - ((long)line.TransmitBuffer * line.BitsPerByte);
            wake = waiter;
            waiter = null;
            Monitor.PulseAll(gate);
        }

        wake?.TrySetResult();
        writer.WaitUntil(buffered);
    }

    /// <summary>Board-style read: the count, 0 after <paramref name="timeoutMs"/> (negative: forever) with nothing, −1 at the end.</summary>
    public int Read(Span<byte> dst, PacedSerialLine.EndpointClock reader, int timeoutMs)
    {
        long deadline = Environment.TickCount64 + Math.Max(0, timeoutMs);
        lock (gate)
        {
            while (true)
            {
                int n = TryTake(dst, reader, out long waitBits);
                if (n > 0)
                {
                    return n;
                }

                if (n < 0)
                {
                    return -1;
                }

                int wait = Timeout.Infinite;
                if (timeoutMs >= 0)
                {
                    long left = deadline - Environment.TickCount64;
                    if (left <= 0)
                    {
                        return 0;
                    }

                    wait = (int)left;
                }

                if (waitBits > 0)
                {
                    int lineWait = line.Milliseconds(waitBits);
                    wait = wait == Timeout.Infinite ? lineWait : Math.Min(wait, lineWait);
                }

                Monitor.Wait(gate, wait);
            }
        }
    }

    /// <summary>Host-style read: waits for the first byte; 0 only at the end.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> dst, PacedSerialLine.EndpointClock reader, CancellationToken cancellationToken)
    {
        if (dst.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            Task wait;
            lock (gate)
            {
                int n = TryTake(dst.Span, reader, out long waitBits);
                if (n != 0)
                {
                    return Math.Max(n, 0);
                }

                if (waitBits > 0)
                {
                    wait = Task.Delay(line.Milliseconds(waitBits), cancellationToken);
                }
                else
                {
                    waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    wait = waiter.Task.WaitAsync(cancellationToken);
                }
            }

            await wait.ConfigureAwait(false);
        }
    }

    /// <summary>Ends the wire: writes throw from now on; readers drain and then see the end.</summary>
    public void Complete()
    {
        TaskCompletionSource? wake;
        lock (gate)
        {
            completed = true;
            wake = waiter;
            waiter = null;
            Monitor.PulseAll(gate);
        }

        wake?.TrySetResult();
    }

    /// <summary>
    /// Under the gate: takes bytes of the oldest segment that have arrived for this reader (all of them unless the
    /// line runs in real time). Returns the count; −1 at the end; 0 when nothing is there yet, with
    /// <paramref name="waitBits"/> &gt; 0 when a real-time reader must wait that long for the next byte.
    /// </summary>
    private int TryTake(Span<byte> dst, PacedSerialLine.EndpointClock reader, out long waitBits)
    {
        waitBits = 0;
        if (queue.Count == 0)
        {
            return completed ? -1 : 0;
        }

        Segment s = queue.Peek();
        int n = Math.Min(dst.Length, s.Data.Length - s.Taken);
        if (line.Mode == LineClockMode.RealTime)
        {
            long now = reader.Now;
            long arrived = ((now - s.Start) / line.BitsPerByte) - s.Taken;
            if (arrived <= 0)
            {
                waitBits = s.ArrivalOf(s.Taken, line.BitsPerByte) - now;
                return 0;
            }

            n = (int)Math.Min(n, arrived);
        }

        s.Data.AsSpan(s.Taken, n).CopyTo(dst);
        s.Taken += n;
        reader.Reached(s.ArrivalOf(s.Taken - 1, line.BitsPerByte));
        if (s.Taken == s.Data.Length)
        {
            queue.Dequeue();
        }

        return n;
    }

    private sealed class Segment(byte[] data, long start)
    {
        public byte[] Data { get; } = data;

        /// <summary>The bit time the first bit goes onto the wire.</summary>
        public long Start { get; } = start;

        public int Taken { get; set; }

        /// <summary>The bit time byte <paramref name="index"/> has wholly arrived.</summary>
        public long ArrivalOf(int index, int bitsPerByte) => Start + ((long)(index + 1) * bitsPerByte);
    }
}
