using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Gateway.Transports.Desktop.Streams;

/// <summary>
/// The host's end of an in-process byte pipe as a <see cref="Stream"/>: the Stream boilerplate (no seeking, the
/// array overloads routed to the span ones, writes that complete at once) in one place. A subclass reads and
/// writes spans and says how the pipe closes; a read of 0 bytes means the pipe closed.
/// </summary>
public abstract class HostEndStream : UnseekableStream
{
    public override bool CanRead => true;

    public override bool CanWrite => true;

    /// <summary>Blocks for at least one byte; returns the count, or 0 when the pipe closed.</summary>
    protected abstract int ReadSome(Span<byte> buffer);

    /// <summary>Waits for at least one byte; returns the count, or 0 when the pipe closed.</summary>
    protected abstract ValueTask<int> ReadSomeAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    protected abstract void WriteAll(ReadOnlySpan<byte> buffer);

    /// <summary>Closes the pipe (both ends see it).</summary>
    protected abstract void ClosePipe();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => buffer.IsEmpty ? 0 : ReadSome(buffer);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ReadSomeAsync(buffer, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => WriteAll(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ClosePipe();
        }

        base.Dispose(disposing);
    }
}
