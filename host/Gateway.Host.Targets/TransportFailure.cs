using System;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Link;
using Gateway.Transports.Desktop;

namespace Gateway.Host.Targets;

/// <summary>
/// The one place that says which exceptions mean "the transport or the link to the board went away" — a tty, a pty,
/// a socket or an in-memory pipe that failed, closed or timed out, or a link session that ended — so every command
/// maps them alike (exit 3) and every session closes alike.
/// </summary>
public static class TransportFailure
{
    /// <summary>True for what opening or using a byte stream throws when the board or the line is not there.</summary>
    public static bool IsTransport(Exception e) =>
        e is TransportException or IOException or UnauthorizedAccessException or TimeoutException or SocketException;

    /// <summary>True for a transport failure or a link failure (the handshake, a refusal, a session that ended).</summary>
    public static bool IsLinkLoss(Exception e) => e is LinkException || IsTransport(e);

    /// <summary>Closes a link session (the link's CLOSE); a session already gone is not an error here. The caller disposes the client.</summary>
    public static async Task CloseQuietlyAsync(LinkClient client, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.CloseAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is LinkException or IOException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }
}
