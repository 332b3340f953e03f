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

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly byte[] _buffer;
    private readonly CancellationTokenSource _closed = new();
    private readonly object _readGate = new();
    private readonly object _writeGate = new();
    private Task<int>? _pendingRead;
    private int _start;
    private int _end;
    private bool _endOfStream;
    private int _closeOnce;

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
        _stream = stream;
        _buffer = new byte[bufferSize];
        _leaveOpen = leaveOpen;
    }

    /// <inheritdoc />
    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        ValidateBufferArguments(buffer, offset, count);
        lock (_readGate)
        {
            if (_closed.IsCancellationRequested)
            {
                return -1;
            }
            if (_start < _end)
            {
                return Take(buffer, offset, count);
            }
            if (_endOfStream)
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
                read = _pendingRead ??= _stream.ReadAsync(_buffer, 0, _buffer.Length, _closed.Token);
                if (!read.Wait(timeoutMs < 0 ? Timeout.Infinite : timeoutMs, _closed.Token))
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
                _pendingRead = null;
                _endOfStream = true; // the stream failed: for the board that is the end of it
                return -1;
            }
            catch (ObjectDisposedException)
            {
                _endOfStream = true;
                return -1;
            }

            _pendingRead = null;
            int n = read.Result;
            if (n <= 0)
            {
                _endOfStream = true;
                return -1;
            }
            _start = 0;
            _end = n;
            return Take(buffer, offset, count);
        }
    }

    /// <inheritdoc />
    /// <exception cref="TransportException">The adapter or the underlying stream is closed.</exception>
    public void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        lock (_writeGate)
        {
            if (_closed.IsCancellationRequested)
            {
                throw Closed(null);
            }
            try
            {
                _stream.Write(buffer, offset, count);
                _stream.Flush();
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
        if (Interlocked.Exchange(ref _closeOnce, 1) != 0)
        {
            return;
        }
        _closed.Cancel();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
        // An outstanding read may still fault once the stream is gone; nobody waits for it any more.
        _pendingRead?.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Same as <see cref="Close"/>.</summary>
    public void Dispose() => Close();

    private int Take(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(count, _end - _start);
        Buffer.BlockCopy(_buffer, _start, buffer, offset, n);
        _start += n;
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
