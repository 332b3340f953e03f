using System;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Protocol.Link;
using Gateway.Protocol.Messages;

namespace Gateway.Host.Board;

/// <summary>
/// An in-process channel straight into a board's <see cref="IMessageHandler"/> (no frames, no link): the
/// host-side logic against the real resource manager, for unit tests and benchmarks of host code. The link and
/// its transports are exercised by <see cref="LinkChannel"/>.
/// </summary>
public sealed class DirectChannel : IBoardChannel
{
    private readonly IMessageHandler handler;
    private readonly int session;
    private readonly byte[] buffer;
    private readonly Reply reply;
    private readonly object gate = new();

    public DirectChannel(IMessageHandler handler, int session = 0, int maxMessageSize = 16384)
    {
        this.handler = handler;
        this.session = session;
        MaxMessageSize = maxMessageSize;
        buffer = new byte[maxMessageSize + 64];
        reply = new Reply(buffer, 32, maxMessageSize);
    }

    public int MaxMessageSize { get; }

    /// <summary>Messages sent, for round-trip counts.</summary>
    public long Messages;

    public Task<BoardReply> SendAsync(int pid, int coid, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        if (message.Length > MaxMessageSize)
        {
            throw new ArgumentException($"message of {message.Length} bytes exceeds the channel's {MaxMessageSize}");
        }

        lock (gate)
        {
            Messages++;
            byte[] m = message.ToArray();
            handler.Handle(session, pid, coid, m, 0, m.Length, reply);
            var body = reply.IsError ? Array.Empty<byte>() : buffer.AsSpan(reply.BodyOffset, reply.Length).ToArray();
            return Task.FromResult(new BoardReply(reply.IsError, reply.Value, body));
        }
    }

    public Task<int> DeclareProcessAsync(int pid, CredInfo cred, bool is64Bit, CancellationToken cancellationToken = default) =>
        Task.FromResult(handler.DeclareProcess(session, pid, cred, is64Bit));
}
