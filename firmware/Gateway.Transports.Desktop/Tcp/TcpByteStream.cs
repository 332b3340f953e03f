using System;
using System.Net.Sockets;
using System.Threading;
using Gateway.Protocol.Platform;

namespace Gateway.Transports.Desktop.Tcp;

/// <summary>
/// One accepted TCP connection as the board's <see cref="IByteStream"/>. Read waits with poll for at most
/// <c>timeoutMs</c> (negative: forever) and returns 0 on timeout; once the host has closed (FIN or reset) it
/// returns -1 from then on. Only <see cref="Close"/> (the board's serve loop, once it has freed its stream slot)
/// frees the connection's place in the listener, so the listener never grants a place the board has not freed.
/// Close shuts the socket down both ways first, which wakes a read blocked in another thread.
/// </summary>
internal sealed class TcpByteStream : IByteStream, IDisposable
{
    private readonly Socket socket;
    private readonly Action? onClosed;
    private readonly string peer;
    private int closed;
    private int ended;

    internal TcpByteStream(Socket socket, Action? onClosed)
    {
        this.socket = socket;
        this.onClosed = onClosed;
        peer = socket.RemoteEndPoint?.ToString() ?? "tcp peer";
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        ValidateBufferArguments(buffer, offset, count);
        if (Volatile.Read(ref closed) != 0 || Volatile.Read(ref ended) != 0)
        {
            return -1;
        }
        if (count == 0)
        {
            return 0;
        }
        long deadline = timeoutMs < 0 ? -1 : Environment.TickCount64 + timeoutMs;
        try
        {
            while (true)
            {
                if (!this.socket.Poll(PollMicroseconds(deadline), SelectMode.SelectRead))
                {
                    if (deadline >= 0 && Environment.TickCount64 >= deadline)
                    {
                        return 0;
                    }
                    continue; // a long wait is polled in slices of at most int.MaxValue microseconds
                }
                if (Volatile.Read(ref closed) != 0)
                {
                    return -1;
                }
                int n = this.socket.Receive(buffer, offset, count, SocketFlags.None, out SocketError error);
                if (error == SocketError.Success && n > 0)
                {
                    return n;
                }
                if (error is SocketError.WouldBlock or SocketError.Interrupted)
                {
                    continue;
                }
                Volatile.Write(ref ended, 1); // end of stream (n == 0) or a reset: over; the owner closes
                return -1;
            }
        }
        catch (ObjectDisposedException)
        {
            return -1;
        }
        catch (SocketException)
        {
            Volatile.Write(ref ended, 1); // poll failed on a broken socket: over; the owner closes
            return -1;
        }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        int sent = 0;
        try
        {
            while (sent < count)
            {
                if (Volatile.Read(ref closed) != 0)
                {
                    throw Closed(null);
                }
                int n = this.socket.Send(buffer, offset + sent, count - sent, SocketFlags.None, out SocketError error);
                if (error == SocketError.Success)
                {
                    sent += n;
                    continue;
                }
                if (error is SocketError.WouldBlock or SocketError.Interrupted)
                {
                    continue;
                }
                Volatile.Write(ref ended, 1);
                throw Closed(new SocketException((int)error));
            }
        }
        catch (ObjectDisposedException e)
        {
            throw Closed(e);
        }
    }

    public void Close()
    {
        if (Interlocked.Exchange(ref closed, 1) != 0)
        {
            return;
        }
        try
        {
            this.socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the peer: nothing to shut down.
        }
        this.socket.Dispose();
        this.onClosed?.Invoke();
    }

    public void Dispose() => Close();

    private TransportException Closed(Exception? inner) =>
        new(TransportError.Closed, peer, $"The TCP connection with {peer} is closed.", 0, inner);

    private static int PollMicroseconds(long deadline)
    {
        if (deadline < 0)
        {
            return -1;
        }
        long remainingMs = Math.Max(0, deadline - Environment.TickCount64);
        return (int)Math.Min(remainingMs * 1000, int.MaxValue);
    }

    private static void ValidateBufferArguments(byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, buffer.Length - offset);
    }
}
