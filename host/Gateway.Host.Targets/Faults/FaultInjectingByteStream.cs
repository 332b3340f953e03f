using System;
using Gateway.Protocol.Platform;

namespace Gateway.Host.Targets.Faults;

/// <summary>
/// A board-side <see cref="IByteStream"/> whose writes pass through a <see cref="FrameFaultInjector"/> before
/// reaching the inner stream; reads pass through untouched.
/// </summary>
public sealed class FaultInjectingByteStream : IByteStream
{
    private readonly IByteStream inner;

    public FaultInjectingByteStream(IByteStream inner, FaultOptions options)
    {
        this.inner = inner ?? throw new ArgumentNullException(nameof(inner));
        Injector = new FrameFaultInjector(options, frame =>
        {
            byte[] copy = frame.ToArray();
            inner.Write(copy, 0, copy.Length);
        });
    }

    public FrameFaultInjector Injector { get; }

    public int Read(byte[] buffer, int offset, int count, int timeoutMs) => inner.Read(buffer, offset, count, timeoutMs);

    public void Write(byte[] buffer, int offset, int count) => Injector.Write(buffer.AsSpan(offset, count));

    public void Close()
    {
        Injector.Dispose();
        inner.Close();
    }
}
