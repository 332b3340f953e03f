using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Transports.Desktop.Streams;

namespace Gateway.Host.Targets.Faults;

/// <summary>
/// A host-side <see cref="Stream"/> whose writes pass through a <see cref="FrameFaultInjector"/> before reaching
/// the inner stream; reads pass through untouched (fault the other direction at its writer).
/// </summary>
public sealed class FaultInjectingStream : UnseekableStream
{
    private readonly Stream inner;

    public FaultInjectingStream(Stream inner, FaultOptions options)
    {
        this.inner = inner ?? throw new ArgumentNullException(nameof(inner));
        Injector = new FrameFaultInjector(options, frame => inner.Write(frame.Span));
    }

    public FrameFaultInjector Injector { get; }

    public override bool CanRead => inner.CanRead;

    public override bool CanWrite => inner.CanWrite;

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => Injector.Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => Injector.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Injector.Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Injector.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Injector.Dispose();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
