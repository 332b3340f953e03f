using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Protocol.Platform;
using Gateway.Transports.Desktop;
using Gateway.Transports.Desktop.Tcp;

namespace Gateway.Transports.Tests.Tcp;

/// <summary>The TCP listener's limits and lifetime, and the host's connect. Loopback only.</summary>
public sealed class TcpTransportTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);
    private static readonly int HangGuardMs = (int)HangGuard.TotalMilliseconds;

    [Fact]
    public void Accept_NoClient_ReturnsNullOnTimeout()
    {
        using var listener = Loopback(maxConnections: 1);

        IByteStream? stream = listener.Accept(50);

        Assert.Null(stream);
        Assert.Equal(0, listener.ActiveConnections);
    }

    [Fact]
    public async Task Accept_ClientConnectedAfterATimedOutAccept_IsNotLost()
    {
        using var listener = Loopback(maxConnections: 1);
        Assert.Null(listener.Accept(20));

        using Stream host = await TcpTransport.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port).WaitAsync(HangGuard);
        IByteStream? board = listener.Accept(HangGuardMs);

        Assert.NotNull(board);
        board.Close();
    }

    [Fact]
    public async Task Accept_BeyondMaxConnections_ExtraHostReadsEndOfStreamAndIsCounted()
    {
        using var listener = Loopback(maxConnections: 1);
        using Stream first = await TcpTransport.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port).WaitAsync(HangGuard);
        IByteStream board = listener.Accept(HangGuardMs)!;

        using Stream extra = await TcpTransport.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port).WaitAsync(HangGuard);
        IByteStream? none = null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (listener.RejectedConnections == 0 && none is null && clock.Elapsed < HangGuard)
        {
            none = listener.Accept(200); // takes the extra connection and closes it
        }
        int extraRead = await extra.ReadAsync(new byte[4]).AsTask().WaitAsync(HangGuard);

        Assert.Null(none);
        Assert.Equal(0, extraRead);
        Assert.Equal(1, listener.RejectedConnections);
        Assert.Equal(1, listener.ActiveConnections);
        board.Close();
    }

    [Fact]
    public async Task Accept_AfterAConnectionClosed_TakesANewOne()
    {
        using var listener = Loopback(maxConnections: 1);
        Stream first = await TcpTransport.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port).WaitAsync(HangGuard);
        IByteStream board = listener.Accept(HangGuardMs)!;
        board.Close();
        first.Dispose();

        using Stream second = await TcpTransport.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port).WaitAsync(HangGuard);
        IByteStream? next = listener.Accept(HangGuardMs);

        Assert.NotNull(next);
        Assert.Equal(1, listener.ActiveConnections);
        Assert.Equal(0, listener.RejectedConnections);
        next.Close();
        Assert.Equal(0, listener.ActiveConnections);
    }

    [Fact]
    public async Task BoardRead_HostClosed_KeepsThePlaceUntilTheBoardCloses()
    {
        // Issue 13 finding 2: the place frees when the board (which frees its stream slot first) closes, never
        // when the host hangs up, so the listener cannot grant a place the board has not freed.
        using var listener = Loopback(maxConnections: 2);
        Stream host = await TcpTransport.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port).WaitAsync(HangGuard);
        IByteStream board = listener.Accept(HangGuardMs)!;
        Assert.Equal(1, listener.ActiveConnections);

        host.Dispose();
        int n = board.Read(new byte[4], 0, 4, HangGuardMs);

        Assert.Equal(-1, n);
        Assert.Equal(1, listener.ActiveConnections);
        board.Close();
        Assert.Equal(0, listener.ActiveConnections);
    }

    [Fact]
    public async Task Dispose_WhileAcceptWaits_AcceptReturnsNull()
    {
        var listener = Loopback(maxConnections: 1);
        Task<IByteStream?> accept = Task.Factory.StartNew(() => listener.Accept(Timeout.Infinite), TaskCreationOptions.LongRunning);
        await Task.Delay(50); // lets the accept start waiting; the outcome is the same if it has not

        listener.Dispose();
        IByteStream? result = await accept.WaitAsync(HangGuard);

        Assert.Null(result);
    }

    [Fact]
    public async Task ConnectAsync_ToAListeningBoard_TurnsNagleOff()
    {
        using var listener = Loopback(maxConnections: 1);

        using Stream host = await TcpTransport.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port).WaitAsync(HangGuard);

        var network = Assert.IsType<NetworkStream>(host);
        Assert.True(network.Socket.NoDelay);
    }

    [Fact]
    public async Task ConnectAsync_NothingListening_ThrowsConnectionRefusedNamingTheEndpoint()
    {
        int port;
        using (var probe = Loopback(maxConnections: 1))
        {
            port = probe.LocalEndPoint.Port; // free again once disposed
        }

        var e = await Assert.ThrowsAsync<TransportException>(() => TcpTransport.ConnectAsync("127.0.0.1", port).WaitAsync(HangGuard));

        Assert.Equal(TransportError.ConnectionRefused, e.Error);
        Assert.Equal($"127.0.0.1:{port}", e.Target);
        Assert.Contains($"127.0.0.1:{port}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Listener_PortAlreadyInUse_ThrowsBusy()
    {
        using var first = Loopback(maxConnections: 1);

        var e = Assert.Throws<TransportException>(() => new TcpBoardListener(first.LocalEndPoint));

        Assert.Equal(TransportError.Busy, e.Error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65_536)]
    public async Task ConnectAsync_PortOutOfRange_ThrowsArgumentOutOfRange(int port)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => TcpTransport.ConnectAsync("127.0.0.1", port));
    }

    private static TcpBoardListener Loopback(int maxConnections) =>
        new(new IPEndPoint(IPAddress.Loopback, 0), maxConnections);
}
