using System;
using System.IO;

namespace Gateway.Transports.Desktop.Streams;

/// <summary>
/// A <see cref="Stream"/> over a byte pipe (a tty, a socket, an in-process pipe): no length, no position, no seeking.
/// The members a pipe cannot have, written once for every such stream here.
/// </summary>
public abstract class UnseekableStream : Stream
{
    /// <inheritdoc />
    public sealed override bool CanSeek => false;

    /// <inheritdoc />
    public sealed override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public sealed override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public sealed override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public sealed override void SetLength(long value) => throw new NotSupportedException();
}
