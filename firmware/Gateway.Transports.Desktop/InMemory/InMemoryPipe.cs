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

    private sealed class HostEnd(InMemoryPipe pipe) : Streams.HostEndStream
    {
        protected override int ReadSome(Span<byte> buffer)
        {
            int n = pipe.boardToHost.Read(buffer, Timeout.Infinite);
            return n < 0 ? 0 : n;
        }

        protected override ValueTask<int> ReadSomeAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
            pipe.boardToHost.ReadAsync(buffer, cancellationToken);

        protected override void WriteAll(ReadOnlySpan<byte> buffer) => pipe.hostToBoard.Write(buffer);

        protected override void ClosePipe() => pipe.Close();
    }
}
