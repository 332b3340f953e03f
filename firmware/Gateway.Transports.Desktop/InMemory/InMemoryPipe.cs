using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Protocol.Platform;

namespace Gateway.Transports.Desktop.InMemory;

/// <summary>
/// A duplex in-memory link for tests and the in-process emulated board: the host end is a <see cref="Stream"/>
/// (async reads, as the host link client uses), the board end an <see cref="IByteStream"/> (sync reads with a
/// timeout, as the board engine uses). Closing either end closes both directions: the other side drains what was
/// sent and then sees the end (Stream reads return 0, IByteStream reads −1); writes after that throw.
/// </summary>
public sealed class InMemoryPipe
{
    private readonly ByteQueue hostToBoard = new();
    private readonly ByteQueue boardToHost = new();

    public InMemoryPipe()
    {
        Host = new HostEnd(this);
        Board = new BoardEnd(this);
    }

    /// <summary>The host's end.</summary>
    public Stream Host { get; }

    /// <summary>The board's end.</summary>
    public IByteStream Board { get; }

    /// <summary>Bytes written by the host that the board has not read yet.</summary>
    public int PendingToBoard => hostToBoard.Available;

    /// <summary>Bytes written by the board that the host has not read yet.</summary>
    public int PendingToHost => boardToHost.Available;

    /// <summary>Closes both directions (as if the cable were pulled).</summary>
    public void Close()
    {
        hostToBoard.Complete();
        boardToHost.Complete();
    }

    private sealed class BoardEnd : IByteStream
    {
        private readonly InMemoryPipe pipe;

        public BoardEnd(InMemoryPipe pipe) => this.pipe = pipe;

        public int Read(byte[] buffer, int offset, int count, int timeoutMs) =>
            pipe.hostToBoard.Read(buffer.AsSpan(offset, count), timeoutMs);

        public void Write(byte[] buffer, int offset, int count) =>
            pipe.boardToHost.Write(buffer.AsSpan(offset, count));

        public void Close() => pipe.Close();
    }

    private sealed class HostEnd : Stream
    {
        private readonly InMemoryPipe pipe;

        public HostEnd(InMemoryPipe pipe) => this.pipe = pipe;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty)
            {
                return 0;
            }

            int n = pipe.boardToHost.Read(buffer, Timeout.Infinite);
            return n < 0 ? 0 : n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            pipe.boardToHost.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            pipe.boardToHost.ReadAsync(buffer, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer) => pipe.hostToBoard.Write(buffer);

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

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                pipe.Close();
            }

            base.Dispose(disposing);
        }
    }
}
