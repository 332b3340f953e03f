using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Protocol.Link;
using Gateway.Protocol.Platform;

namespace Gateway.Transports.Desktop.Tcp;

/// <summary>
/// The board's side of TCP: listens on an endpoint and hands out each accepted connection as an
/// <see cref="IByteStream"/> (TCP_NODELAY on). At most <see cref="MaxConnections"/> are open at once; a
/// connection beyond that is accepted and closed at once (the host reads end of stream rather than hanging
/// in the backlog) and counted in <see cref="RejectedConnections"/>. A place frees only when its stream is
/// closed by its owner (the board's serve loop closes it), never when the host hangs up. Which connection gets
/// a place is the board's decision, not this bound's: give the listener <see cref="PlacesFor"/> the board's
/// stream slots, so it reaches its bound only when the board would refuse too (hardware-docs/transports.md).
/// Disposing the listener stops accepting; open connections stay until their owners close them.
/// </summary>
public sealed class TcpBoardListener : IDisposable
{
    private readonly Socket socket;
    private readonly CancellationTokenSource disposed = new();
    private readonly object acceptGate = new();
    private Task<Socket>? pendingAccept;
    private int active;
    private long rejected;

    /// <summary>Binds <paramref name="endPoint"/> (port 0 picks a free port) and starts listening.</summary>
    /// <param name="endPoint">Where to listen, e.g. <c>new IPEndPoint(IPAddress.Any, 5555)</c>.</param>
    /// <param name="maxConnections">Connections open at once (the board's session table), at least 1.</param>
    /// <exception cref="TransportException">The address is in use or cannot be bound.</exception>
    public TcpBoardListener(IPEndPoint endPoint, int maxConnections = 1)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConnections, 1);
        MaxConnections = maxConnections;
        this.socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            this.socket.Bind(endPoint);
            this.socket.Listen(backlog: Math.Max(maxConnections, 4));
        }
        catch (SocketException e)
        {
            this.socket.Dispose();
            string target = endPoint.ToString();
            throw new TransportException(
                e.SocketErrorCode == SocketError.AddressAlreadyInUse ? TransportError.Busy : TransportError.Other,
                target, $"Cannot listen on {target}: {e.Message}", 0, e);
        }
        LocalEndPoint = (IPEndPoint)this.socket.LocalEndPoint!;
    }

    /// <summary>The bound endpoint (with the real port when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>How long a write to a connection may block before the connection is closed (a host that stopped reading).</summary>
    public const int SendTimeoutMs = 2000;

    /// <summary>
    /// The listener's bound for a board with <paramref name="streamSlots"/> connection slots (<c>BoardLink.ConnectionSlots</c>:
    /// the stream slots less those kept for lines): twice as many. Each
    /// slot holds at most its connection and, while that one is on its way out (evicted, closed), the newcomer the
    /// slot is promised to (hardware-docs/link.md §10); refused connections are closed at once. So the listener
    /// is full only when every slot is promised, and then the board refuses a newcomer as well.
    /// </summary>
    public static int PlacesFor(int streamSlots) => 2 * Math.Max(1, streamSlots);

    /// <summary>The most connections open at once.</summary>
    public int MaxConnections { get; }

    /// <summary>Connections accepted and not yet closed.</summary>
    public int ActiveConnections => Volatile.Read(ref active);

    /// <summary>Connections closed at once because <see cref="MaxConnections"/> were open.</summary>
    public long RejectedConnections => Interlocked.Read(ref rejected);

    /// <summary>
    /// Waits at most <paramref name="timeoutMs"/> (negative: forever) for a host to connect. Returns its stream,
    /// or null on timeout or once the listener is disposed. A wait that times out keeps its accept pending for
    /// the next call, so no connection is lost between calls.
    /// </summary>
    public IByteStream? Accept(int timeoutMs) => Accept(timeoutMs, out _);

    /// <summary>
    /// <see cref="Accept(int)"/>, also giving the connection's <paramref name="peer"/> (<see cref="TcpPeerId"/>: its
    /// remote address) for the board's place decision (<c>BoardLink.Serve(stream, peer)</c>).
    /// </summary>
    public IByteStream? Accept(int timeoutMs, out int peer)
    {
        peer = BoardLink.UnknownPeer;
        long deadline = timeoutMs < 0 ? -1 : Environment.TickCount64 + timeoutMs;
        lock (acceptGate)
        {
            while (true)
            {
                if (disposed.IsCancellationRequested)
                {
                    return null;
                }
                Task<Socket> accept;
                try
                {
                    accept = pendingAccept ??= this.socket.AcceptAsync(disposed.Token).AsTask();
                    int remaining = deadline < 0 ? -1 : (int)Math.Clamp(deadline - Environment.TickCount64, 0, int.MaxValue);
                    if (Task.WaitAny(new Task[] { accept }, remaining, disposed.Token) < 0)
                    {
                        return null;
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
                {
                    return null;
                }
                pendingAccept = null;
                if (!accept.IsCompletedSuccessfully)
                {
                    if (disposed.IsCancellationRequested)
                    {
                        return null;
                    }
                    _ = accept.Exception; // observed: a connection that died before it was accepted
                    continue;
                }

                Socket socket = accept.Result;
                if (Interlocked.Increment(ref active) > MaxConnections)
                {
                    Interlocked.Decrement(ref active);
                    Interlocked.Increment(ref rejected);
                    Reject(socket);
                    continue;
                }
                socket.NoDelay = true;
                if (socket.RemoteEndPoint is IPEndPoint remote)
                {
                    peer = TcpPeerId.Of(remote.Address);
                }

                // A host that stops reading must not stall the board: a send blocked this long ends that connection.
                socket.SendTimeout = SendTimeoutMs;
                return new TcpByteStream(socket, () => Interlocked.Decrement(ref active));
            }
        }
    }

    /// <summary>Stops listening; a blocked <see cref="Accept(int)"/> returns null. Accepted connections stay open.</summary>
    public void Dispose()
    {
        if (disposed.IsCancellationRequested)
        {
            return;
        }
        disposed.Cancel();
        this.socket.Dispose();
    }

    private static void Reject(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        socket.Dispose();
    }
}
