using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Transports.Desktop.Streams;

namespace Gateway.Transports.Desktop.Serial;

/// <summary>
/// A serial tty as a <see cref="Stream"/> for the host. Raw 8N1 at the configured speed; nothing is
/// translated or swallowed. Reads return what has arrived (at least one byte), 0 at end of stream (closed
/// here or hung up there), and throw <see cref="TimeoutException"/> when <see cref="ReadTimeout"/> passes
/// (it applies to async reads too). Async reads and writes that must wait run one at a time on a thread of the
/// stream's own (created on first use), never blocking the thread pool; cancelling their token ends the wait.
/// Writes return when the driver has taken every byte. Flush does nothing: there is no buffer in between.
/// </summary>
public sealed class SerialPortStream : UnseekableStream
{
    private readonly TerminalChannel channel;
    private readonly Lazy<AsyncPump> readPump;
    private readonly Lazy<AsyncPump> writePump;
    private int readTimeout = Timeout.Infinite;
    private int writeTimeout = Timeout.Infinite;

    internal SerialPortStream(TerminalChannel channel)
    {
        this.channel = channel;
        readPump = new Lazy<AsyncPump>(() => new AsyncPump("tty reader " + channel.Path, () => channel.IsClosed));
        writePump = new Lazy<AsyncPump>(() => new AsyncPump("tty writer " + channel.Path, () => channel.IsClosed));
    }

    /// <summary>The device path.</summary>
    public string Path => this.channel.Path;

    /// <summary>Opens <paramref name="path"/> (e.g. <c>/dev/ttyUSB0</c>, <c>/dev/ttyACM0</c>, <c>/dev/pts/7</c>) raw with <paramref name="settings"/>.</summary>
    /// <exception cref="TransportException">The device is missing, not a tty, busy, not permitted, or refuses the speed.</exception>
    public static SerialPortStream Open(string path, SerialSettings? settings = null) =>
        new(TerminalChannel.Open(path, settings ?? new SerialSettings()));

    /// <inheritdoc />
    public override bool CanRead => !this.channel.IsClosed;

    /// <inheritdoc />
    public override bool CanWrite => !this.channel.IsClosed;

    /// <inheritdoc />
    public override bool CanTimeout => true;

    /// <summary>Milliseconds a read waits for its first byte; <see cref="Timeout.Infinite"/> (the default) waits forever.</summary>
    public override int ReadTimeout
    {
        get => readTimeout;
        set => readTimeout = CheckTimeout(value);
    }

    /// <summary>Milliseconds a write waits for the driver to take its bytes; <see cref="Timeout.Infinite"/> by default.</summary>
    public override int WriteTimeout
    {
        get => writeTimeout;
        set => writeTimeout = CheckTimeout(value);
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    /// <inheritdoc />
    public override int Read(Span<byte> buffer) => buffer.IsEmpty ? 0 : Complete(this.channel.Read(buffer, readTimeout, default));

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <inheritdoc />
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }
        // What has already arrived is taken without a thread hop.
        int n = this.channel.Read(buffer.Span, 0, default);
        if (n != 0 || buffer.IsEmpty)
        {
            return ValueTask.FromResult(n < 0 ? 0 : n);
        }
        int timeout = readTimeout;
        return new ValueTask<int>(readPump.Value.Enqueue(ct => Complete(this.channel.Read(buffer.Span, timeout, ct)), cancellationToken));
    }

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer) => this.channel.Write(buffer, writeTimeout, default);

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <inheritdoc />
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }
        int timeout = writeTimeout;
        return new ValueTask(writePump.Value.Enqueue(ct =>
        {
            this.channel.Write(buffer.Span, timeout, ct);
            return buffer.Length;
        }, cancellationToken));
    }

    /// <summary>Does nothing: writes go straight to the driver.</summary>
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override Task FlushAsync(CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : Task.CompletedTask;

    internal TerminalChannel Channel => this.channel;

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            this.channel.Dispose();
            if (readPump.IsValueCreated)
            {
                readPump.Value.Dispose();
            }
            if (writePump.IsValueCreated)
            {
                writePump.Value.Dispose();
            }
        }
        base.Dispose(disposing);
    }

    private int Complete(int n)
    {
        if (n == 0)
        {
            throw new TimeoutException($"No data from '{Path}' within {readTimeout} ms.");
        }
        return n < 0 ? 0 : n;
    }

    private static int CheckTimeout(int value)
    {
        if (value < 0 && value != Timeout.Infinite)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A timeout is a positive number of milliseconds or Timeout.Infinite.");
        }
        return value;
    }
}
