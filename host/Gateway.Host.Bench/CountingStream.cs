using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Transports.Desktop.Streams;

namespace Gateway.Host.Bench;

/// <summary>
/// The host's end of a real transport with its bytes counted each way: what crosses the wire, frames and all. The
/// board in another process cannot be asked, and every byte either end sends passes the host's stream once.
/// </summary>
public sealed class CountingStream(Stream inner) : UnseekableStream
{
    private long read;
    private long written;
    private long reads;

    /// <summary>Bytes the host read (board → host).</summary>
    public long BytesRead => Interlocked.Read(ref read);

    /// <summary>
    /// Reads that returned bytes: how many pieces the transport handed the host's reader (each a wake-up of its
    /// thread), a clue to where the time goes that needs no profiler.
    /// </summary>
    public long Reads => Interlocked.Read(ref reads);

    /// <summary>Bytes the host wrote (host → board).</summary>
    public long BytesWritten => Interlocked.Read(ref written);

    public override bool CanRead => inner.CanRead;

    public override bool CanWrite => inner.CanWrite;

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override void Write(byte[] buffer, int offset, int count)
    {
        inner.Write(buffer, offset, count);
        Interlocked.Add(ref written, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        inner.Write(buffer);
        Interlocked.Add(ref written, buffer.Length);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref written, buffer.Length);
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(int n)
    {
        Interlocked.Add(ref read, n);
        if (n > 0)
        {
            Interlocked.Increment(ref reads);
        }

        return n;
    }
}
