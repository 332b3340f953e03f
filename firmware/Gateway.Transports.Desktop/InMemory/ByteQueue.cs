using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Gateway.Transports.Desktop.InMemory;

/// <summary>
/// One direction of an in-memory pipe: an unbounded FIFO of bytes with a synchronous reader (timeout in ms, as
/// board code reads) and an asynchronous one (as host code reads). Writers never block. After
/// <see cref="Complete"/>, readers drain what is left and then see the end.
/// </summary>
public sealed class ByteQueue
{
    private readonly object gate = new();
    private byte[] ring = new byte[4096];
    private int head;
    private int count;
    private bool completed;
    private TaskCompletionSource? waiter;

    /// <summary>Bytes waiting to be read.</summary>
    public int Available
    {
        get
        {
            lock (gate)
            {
                return count;
            }
        }
    }

    public bool IsCompleted
    {
        get
        {
            lock (gate)
            {
                return completed;
            }
        }
    }

    /// <summary>Appends bytes; throws <see cref="IOException"/> once the queue is completed.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        TaskCompletionSource? wake;
        lock (gate)
        {
            if (completed)
            {
                throw new IOException("the in-memory pipe is closed");
            }

            EnsureRoom(data.Length);
            int tail = (head + count) % ring.Length;
            int first = Math.Min(data.Length, ring.Length - tail);
            data[..first].CopyTo(ring.AsSpan(tail));
            data[first..].CopyTo(ring);
            count += data.Length;
            wake = waiter;
            waiter = null;
            Monitor.PulseAll(gate);
        }

        wake?.TrySetResult();
    }

    /// <summary>Reads up to <c>dst.Length</c> bytes: the count, 0 after <paramref name="timeoutMs"/> with no data, −1 at the end.</summary>
    public int Read(Span<byte> dst, int timeoutMs)
    {
        lock (gate)
        {
            long deadline = Environment.TickCount64 + Math.Max(0, timeoutMs);
            while (count == 0)
            {
                if (completed)
                {
                    return -1;
                }

                long left = deadline - Environment.TickCount64;
                if (timeoutMs >= 0 && left <= 0)
                {
                    return 0;
                }

                Monitor.Wait(gate, timeoutMs < 0 ? Timeout.Infinite : (int)left);
            }

            return Take(dst);
        }
    }

    /// <summary>Reads up to <c>dst.Length</c> bytes, waiting for the first; returns 0 only at the end.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> dst, CancellationToken cancellationToken)
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
                if (count > 0)
                {
                    return Take(dst.Span);
                }

                if (completed)
                {
                    return 0;
                }

                waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = waiter.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Ends the queue: writes fail from now on; readers drain and then see the end.</summary>
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

    private int Take(Span<byte> dst)
    {
        int n = Math.Min(dst.Length, count);
        int first = Math.Min(n, ring.Length - head);
        ring.AsSpan(head, first).CopyTo(dst);
        ring.AsSpan(0, n - first).CopyTo(dst[first..]);
        head = (head + n) % ring.Length;
        count -= n;
        return n;
    }

    private void EnsureRoom(int extra)
    {
        if (count + extra <= ring.Length)
        {
            return;
        }

        int size = ring.Length;
        while (size < count + extra)
        {
            size *= 2;
        }

        byte[] bigger = new byte[size];
        int first = Math.Min(count, ring.Length - head);
        ring.AsSpan(head, first).CopyTo(bigger);
        ring.AsSpan(0, count - first).CopyTo(bigger.AsSpan(first));
        ring = bigger;
        head = 0;
    }
}
