using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Gateway.Transports.Desktop.Tcp;

/// <summary>The host's side of TCP: connects to a board that listens.</summary>
public static class TcpTransport
{
    /// <summary>
    /// Connects to <paramref name="host"/>:<paramref name="port"/>, trying each address the name resolves to,
    /// and returns the connection as a <see cref="Stream"/> (a <see cref="NetworkStream"/> owning its socket,
    /// TCP_NODELAY on). Reading 0 bytes from it means the board closed; disposing it closes the connection
    /// (the board's Read returns -1).
    /// </summary>
    /// <exception cref="TransportException">Name not found, connection refused, host unreachable.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first (use it for a connect timeout).</exception>
    public static async Task<Stream> ConnectAsync(string host, int port, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, IPEndPoint.MinPort + 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        string target = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out IPAddress? literal)
                ? new[] { literal }
                : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw Translate(e, target);
        }
        if (addresses.Length == 0)
        {
            throw new TransportException(TransportError.HostNotFound, target, $"Cannot connect to {target}: the name has no address.");
        }

        SocketException? last = null;
        foreach (IPAddress address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                socket.NoDelay = true;
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw Translate(last!, target);
    }

    private static TransportException Translate(SocketException e, string target)
    {
        (TransportError error, string what) = e.SocketErrorCode switch
        {
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => (TransportError.HostNotFound, "the host name does not resolve"),
            SocketError.ConnectionRefused => (TransportError.ConnectionRefused, "connection refused (is the board listening on that port?)"),
            SocketError.TimedOut or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostDown
                => (TransportError.Unreachable, "the host cannot be reached"),
            _ => (TransportError.Other, e.Message),
        };
        return new TransportException(error, target, $"Cannot connect to {target}: {what}.", 0, e);
    }
}
