using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Protocol.Platform;

namespace Gateway.Transports.Desktop.Streams;

/// <summary>
/// Serves any <see cref="Stream"/> (a pipe, a socket stream, a test stream) to board code as a synchronous
/// <see cref="IByteStream"/>. A Stream cannot time out a read without losing what it was about to return, so
/// the adapter keeps one read outstanding into its own buffer: a <see cref="Read"/> that times out leaves it
/// running and the next call collects it. End of stream, a failed read or <see cref="Close"/> make Read
/// return -1 for good. One reader and one writer may use it at once.
/// </summary>
public sealed class StreamByteStream : IByteStream, IDisposable
{
    /// <summary>The size of the adapter's read buffer when none is given.</summary>
    public const int DefaultBufferSize = 16 * 1024;

    private readonly Stream stream;
    private readonly bool leaveOpen;
    private readonly byte[] buffer;
    private readonly CancellationTokenSource closed = new();
    private readonly object readGate = new();
    private readonly object writeGate = new();
    private Task<int>? pendingRead;
    private int start;
    private int end;
    private bool endOfStream;
    private int closeOnce;

    /// <summary>Wraps <paramref name="stream"/>, which must be readable and writable.</summary>
    /// <param name="stream">The stream to serve.</param>
    /// <param name="bufferSize">The adapter's read buffer (the most one underlying read returns).</param>
    /// <param name="leaveOpen">Leave <paramref name="stream"/> open when the adapter closes.</param>
    public StreamByteStream(Stream stream, int bufferSize = DefaultBufferSize, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 1);
        if (!stream.CanRead || !stream.CanWrite)
        {
            throw new ArgumentException("The stream must be readable and writable.", nameof(stream));
        }
        this.stream = stream;
        this.buffer = new byte[bufferSize];
        this.leaveOpen = leaveOpen;
    }

    /// <inheritdoc />
    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        ValidateBufferArguments(buffer, offset, count);
        lock (readGate)
        {
            if (closed.IsCancellationRequested)
            {
                return -1;
            }
            if (start < end)
            {
                return Take(buffer, offset, count);
            }
            if (endOfStream)
            {
                return -1;
            }
            if (count == 0)
            {
                return 0;
            }

            Task<int> read;
            try
            {
                read = pendingRead ??= this.stream.ReadAsync(this.buffer, 0, this.buffer.Length, closed.Token);
                if (!read.Wait(timeoutMs < 0 ? Timeout.Infinite : timeoutMs, closed.Token))
                {
                    return 0;
                }
            }
            catch (OperationCanceledException)
            {
                return -1; // closed while waiting
            }
            catch (AggregateException)
            {
                pendingRead = null;
                endOfStream = true; // the stream failed: for the board that is the end of it
                return -1;
            }
            catch (ObjectDisposedException)
            {
                endOfStream = true;
                return -1;
            }

            pendingRead = null;
            int n = read.Result;
            if (n <= 0)
            {
                endOfStream = true;
                return -1;
            }
            start = 0;
            end = n;
            return Take(buffer, offset, count);
        }
    }

    /// <inheritdoc />
    /// <exception cref="TransportException">The adapter or the underlying stream is closed.</exception>
    public void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        lock (writeGate)
        {
            if (closed.IsCancellationRequested)
            {
                throw Closed(null);
            }
            try
            {
                this.stream.Write(buffer, offset, count);
                this.stream.Flush();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
            {
                throw Closed(e);
            }
        }
    }

    /// <summary>Closes the adapter (and the stream unless left open). A blocked <see cref="Read"/> returns -1.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref closeOnce, 1) != 0)
        {
            return;
        }
        closed.Cancel();
        if (!this.leaveOpen)
        {
            this.stream.Dispose();
        }
        // An outstanding read may still fault once the stream is gone; nobody waits for it any more.
        pendingRead?.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Same as <see cref="Close"/>.</summary>
    public void Dispose() => Close();

    private int Take(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(count, end - start);
        Buffer.BlockCopy(this.buffer, start, buffer, offset, n);
        start += n;
        return n;
    }

    private static TransportException Closed(Exception? inner) =>
        new(TransportError.Closed, "stream", "The stream is closed.", 0, inner);

    private static void ValidateBufferArguments(byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, buffer.Length - offset);
    }
}
