using System;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Protocol.Messages;

namespace Gateway.Host.Link;

/// <summary>
/// The board channel over the link: each QNX message is one request frame from (pid, coid), matched to its reply
/// by sequence number, retransmitted by the <see cref="LinkClient"/> as needed.
/// </summary>
public sealed class LinkChannel(LinkClient client) : IBoardChannel, IAsyncDisposable
{
    public LinkClient Client => client;

    /// <summary>The negotiated frame body: the largest QNX message either way.</summary>
    public int MaxMessageSize => client.Board.MaxBody;

    public Task<BoardReply> SendAsync(int pid, int coid, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default) =>
        client.SendAsync(pid, coid, message, cancellationToken);

    public async Task<int> DeclareProcessAsync(int pid, CredInfo cred, bool is64Bit, CancellationToken cancellationToken = default)
    {
        var r = await client.DeclareAsync(pid, cred, is64Bit, cancellationToken).ConfigureAwait(false);
        return r.Errno;
    }

    public ValueTask DisposeAsync() => client.DisposeAsync();
}
