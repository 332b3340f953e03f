using System;
using System.IO;
using System.IO.Pipes;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Board.Emulated;
using Gateway.Host.Link;
using Gateway.Protocol.Desktop.Platform;
using Gateway.Protocol.Link;
using Gateway.Protocol.Messages;
using Gateway.Transports.Desktop.Tcp;
using Xunit;

namespace Gateway.Board.Tests.Link;

/// <summary>
/// Issue 13: peers without the key against the emulated board over real loopback TCP. Every assert is on an
/// outcome with a generous deadline (a keyed host gets in, a victim's requests all complete, places come back),
/// never on a measured time. The async tests wait by awaiting (<see cref="Poll"/>, <see cref="Task.Delay(int)"/>) and
/// their attackers block no pool thread: the listener's accepts and the keyed host's reads run on that pool.
/// </summary>
public sealed class LinkUnderAttackTests : IDisposable
{
    private const int GraceMs = 1000;

    private readonly EmulatedBoard board;
    private readonly TcpBoardListener listener;
    private readonly Thread acceptor;
    private volatile bool stopping;

    public LinkUnderAttackTests()
    {
        var link = BoardLinkConfig.Emulated();
        link.HandshakeTimeoutMs = 1500;
        link.OutputStallMs = 1000;
        link.EvictionGraceMs = GraceMs;
        board = new EmulatedBoard(new EmulatedBoardOptions { Link = link });
        listener = new TcpBoardListener(new IPEndPoint(IPAddress.Loopback, 0), TcpBoardListener.PlacesFor(board.Link.StreamSlots));
        acceptor = new Thread(() =>
        {
            while (!stopping)
            {
                var stream = listener.Accept(100, out int peer);
                if (stream != null)
                {
                    board.ServeInBackground(stream, "attack-test", peer: peer);
                }
            }
        }) { IsBackground = true };
        acceptor.Start();
    }

    public void Dispose()
    {
        stopping = true;
        listener.Dispose();
        board.Dispose();
    }

    [Fact]
    public async Task IdleHelloAndHalfFramePeers_AtTheLimit_AKeyedHostStillGetsIn()
    {
        // Finding 1: every stream slot taken by peers that never authenticate.
        var peers = new Socket[board.Link.StreamSlots];
        for (int i = 0; i < peers.Length; i++)
        {
            peers[i] = Connect();
            if (i % 3 == 1)
            {
                peers[i].Send(HalfFrame());
            }
        }

        try
        {
            // The board has taken every peer, and their grace is over: the oldest makes way for the keyed host.
            await Poll.UntilAsync(() => board.Link.StreamsInUse == board.Link.StreamSlots, 10_000, () => "the board never held every peer: " + State());
            await Task.Delay(GraceMs);
            LinkClient client;
            try
            {
                client = await ConnectKeyedAsync();
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"{e.Message}; {State()}");
            }

            await using var owned = client;
            var declared = await client.DeclareAsync(10, Root(), true);

            Assert.False(declared.IsError);
            Assert.True(board.Link.Counters.Get(LinkCounter.StreamsEvicted) >= 1);
            Assert.Equal(0, listener.RejectedConnections); // the board decided, not the listener
        }
        finally
        {
            foreach (var p in peers)
            {
                p.Dispose();
            }
        }
    }

    [Fact]
    public async Task FastReconnecters_CannotRetakeTheEvictedPlace_TheKeyedHostGetsIn()
    {
        // link.md §10 "Places" (G): an eviction's place goes to the newcomer it was made for, which keeps it for its
        // grace. Peers that reconnect the moment they are closed fight over each other's places, not the host's.
        using var cts = new CancellationTokenSource();
        var reconnecters = new Task[board.Link.StreamSlots];
        for (int i = 0; i < reconnecters.Length; i++)
        {
            reconnecters[i] = ReconnectWhenClosedAsync(cts.Token);
        }

        try
        {
            await Poll.UntilAsync(() => board.Link.StreamsInUse == board.Link.StreamSlots, 10_000, () => "the reconnecters never held every slot: " + State());
            await Task.Delay(GraceMs);
            await using var client = await ConnectKeyedAsync();
            Assert.False((await client.DeclareAsync(10, Root(), true)).IsError, State());
            Assert.Equal(0, listener.RejectedConnections);
        }
        finally
        {
            cts.Cancel();
            await Task.WhenAll(reconnecters);
        }
    }

    [Fact]
    public async Task ReconnectFloodFromOnePeer_FasterThanTheGrace_ASecondPeerAuthenticatesWithinBoundedTime()
    {
        // link.md §10 "Places", the fair share (G): 127.0.0.1 keeps every slot within its grace by reconnecting the
        // moment it is closed or refused, from more sockets than there are slots. A host on 127.0.0.2 (Linux routes
        // all of 127/8 to lo) is another peer: it takes a place from the flooder's share, grace or not.
        using var cts = new CancellationTokenSource();
        long connects = 0;
        // Threads of their own, not pool tasks: blocked receives must not starve the keyed host's continuations.
        var flooders = new Thread[2 * board.Link.StreamSlots];
        for (int i = 0; i < flooders.Length; i++)
        {
            flooders[i] = new Thread(() =>
            {
                var buffer = new byte[64];
                while (!cts.IsCancellationRequested)
                {
                    try
                    {
                        using var s = Connect();
                        Interlocked.Increment(ref connects);
                        s.ReceiveTimeout = 200;
                        while (!cts.IsCancellationRequested)
                        {
                            try
                            {
                                if (s.Receive(buffer) == 0)
                                {
                                    break; // closed by the board (refused or evicted): back at once
                                }
                            }
                            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
                            {
                            }
                        }
                    }
                    catch (SocketException)
                    {
                    }

                    Thread.Sleep(2);
                }
            }) { IsBackground = true, Name = "flooder" };
            flooders[i].Start();
        }

        try
        {
            await Poll.UntilAsync(() => board.Link.StreamsInUse == board.Link.StreamSlots, 10_000, State);

            // The flood churns: every slot is evicted by the flooder's next connection as it leaves its grace.
            await Poll.UntilAsync(
                () => board.Link.Counters.Get(LinkCounter.StreamsEvicted) >= board.Link.StreamSlots,
                15_000,
                () => $"the flood did not churn: {State()}, flood connects {Interlocked.Read(ref connects)}");

            // Bounded: three tries within ten seconds (a try refused by the board ends at once). Without the fair
            // share the host gets a place only when it happens to arrive in the moment a slot leaves its grace.
            var tries = new System.Collections.Generic.List<string>();
            LinkClient? client = null;
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (client == null && tries.Count < 3 && DateTime.UtcNow < deadline)
            {
                try
                {
                    client = await ConnectKeyedFromAsync(IPAddress.Parse("127.0.0.2"));
                }
                catch (Exception e) when (e is not Xunit.Sdk.XunitException)
                {
                    tries.Add(e.GetType().Name + ": " + e.Message);
                    await Task.Delay(100);
                }
            }

            Assert.True(client != null, $"127.0.0.2 was kept out ({string.Join("; ", tries)}); {State()}, flood connects {Interlocked.Read(ref connects)}");
            await using (client)
            {
                Assert.False((await client!.DeclareAsync(10, Root(), true)).IsError, State());
            }
        }
        finally
        {
            cts.Cancel();

            // Each flooder sees the cancellation within its receive timeout (or its connect's end).
            await Poll.UntilAsync(() => Array.TrueForAll(flooders, t => !t.IsAlive), 30_000, "a flooder thread did not stop");
        }
    }

    [Fact]
    public async Task ChurnAndEvictions_PlacesGrantedStayAtTheLimit()
    {
        // Finding 2 and link.md §10: after connections that close, half-send, idle and get evicted, the board still
        // grants exactly its stream slots and the listener's count comes back to zero.
        var rng = new Random(5);
        var idle = new System.Collections.Generic.List<Socket>();
        for (int round = 0; round < 60; round++)
        {
            var s = Connect();
            switch (rng.Next(3))
            {
                case 0:
                    s.Dispose();
                    break;
                case 1:
                    s.Send(HalfFrame());
                    s.Dispose();
                    break;
                default:
                    idle.Add(s); // stays until the board evicts or idles it out
                    break;
            }

            Assert.True(board.Link.StreamsInUse <= board.Link.StreamSlots);
            Assert.True(listener.ActiveConnections <= TcpBoardListener.PlacesFor(board.Link.StreamSlots));
            if (round % 10 == 9)
            {
                await Task.Delay(GraceMs); // let the idle ones age into eviction
            }
        }

        foreach (var s in idle)
        {
            s.Dispose();
        }

        await Poll.UntilAsync(() => listener.ActiveConnections == 0 && board.Link.StreamsInUse == 0, 15_000, State);

        // Every place is there again: the slots fill with idle peers, then keyed hosts take the session slots.
        var peers = new Socket[board.Link.StreamSlots];
        for (int i = 0; i < peers.Length; i++)
        {
            peers[i] = Connect();
        }

        try
        {
            await Poll.UntilAsync(() => board.Link.StreamsInUse == board.Link.StreamSlots, 10_000, State);
            Assert.Equal(board.Link.StreamSlots, listener.ActiveConnections);
            await Task.Delay(GraceMs);
            var clients = new System.Collections.Generic.List<LinkClient>();
            try
            {
                for (int i = 0; i < BoardLinkConfig.Emulated().Sessions; i++)
                {
                    clients.Add(await ConnectKeyedAsync());
                }

                Assert.Equal(BoardLinkConfig.Emulated().Sessions, board.Link.SessionCount);
                Assert.Equal(0, listener.RejectedConnections);
            }
            finally
            {
                foreach (var c in clients)
                {
                    await c.DisposeAsync();
                }
            }
        }
        finally
        {
            foreach (var p in peers)
            {
                p.Dispose();
            }
        }
    }

    [Fact]
    public void IdlePeers_ClosedAtTheHandshakeDeadline_PlacesComeBack()
    {
        // Findings 1 and 2: a stream without a session is closed, and its listener place is freed with it.
        var peers = new[] { Connect(), Connect(), Connect() };
        try
        {
            foreach (var p in peers)
            {
                p.ReceiveTimeout = 10_000;
                Assert.Equal(0, p.Receive(new byte[16])); // end of stream from the board
            }

            Assert.True(SpinWait.SpinUntil(() => listener.ActiveConnections == 0, 10_000));
            Assert.True(board.Link.Counters.Get(LinkCounter.StreamsIdleClosed) >= 3);
        }
        finally
        {
            foreach (var p in peers)
            {
                p.Dispose();
            }
        }
    }

    [Fact]
    public async Task ConnectCloseChurn_WhilePeersStall_NoPlaceLeaks()
    {
        // Finding 2: connections closing and arriving while two peers never read.
        using var stalled1 = Connect();
        using var stalled2 = Connect();
        for (int i = 0; i < 30; i++)
        {
            using var s = Connect();
            s.Send(HalfFrame());
        }

        await Poll.UntilAsync(() => listener.ActiveConnections <= 2, 10_000, () => $"{listener.ActiveConnections} places held");
        await using var client = await ConnectKeyedAsync();
        Assert.False((await client.DeclareAsync(10, Root(), true)).IsError);
    }

    [Fact]
    public async Task PeerThatNeverReads_FloodsRefusals_VictimRequestsAllComplete()
    {
        // Finding 3: a peer with a tiny receive window sends pre-auth PINGs (each refused) and never reads.
        await using var victim = await ConnectKeyedAsync();
        Assert.False((await victim.DeclareAsync(10, Root(), true)).IsError);
        using var flooder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 1024 };
        flooder.Connect(listener.LocalEndPoint);
        byte[] pings = Pings(2000);
        using var cts = new CancellationTokenSource();
        var flood = Task.Run(async () =>
        {
            // Awaited sends: a send blocked on the full window would hold a pool thread for the whole test.
            try
            {
                while (!cts.IsCancellationRequested)
                {
                    await flooder.SendAsync(pings, SocketFlags.None, cts.Token);
                }
            }
            catch (SocketException)
            {
                // The board dropped the flooder.
            }
            catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException)
            {
            }
        });

        // 40 round trips; with a write blocking the engine (2 s each) this took well over a minute.
        var all = Task.Run(async () =>
        {
            for (int i = 0; i < 40; i++)
            {
                await victim.SendAsync(99, 0, new byte[4]); // undeclared pid: answered EPERM, one round trip
            }
        });
        bool done = await Task.WhenAny(all, Task.Delay(15_000)) == all;
        cts.Cancel();
        flooder.Dispose();
        await flood;

        Assert.True(done, "the victim's round trips did not complete while a peer flooded without reading");
        await all;
    }

    [Fact]
    public async Task StderrPipeNobodyReads_RefusalFlood_BoardKeepsAnswering()
    {
        // Finding 4: the board's log on a real pipe that is never read; every malformed HELLO logs a warning.
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        using var unreadEnd = new AnonymousPipeClientStream(PipeDirection.In, pipe.ClientSafePipeHandle);
        var writer = new StreamWriter(pipe) { AutoFlush = true };
        var link = BoardLinkConfig.Emulated();
        using var logged = new EmulatedBoard(new EmulatedBoardOptions { Link = link, Log = new ConsoleLog("board", writer: writer) });
        using var l = new TcpBoardListener(new IPEndPoint(IPAddress.Loopback, 0), TcpBoardListener.PlacesFor(logged.Link.StreamSlots));
        var accepting = new Thread(() =>
        {
            while (true)
            {
                var s = l.Accept(-1);
                if (s == null)
                {
                    return;
                }

                logged.ServeInBackground(s, "stderr-test");
            }
        }) { IsBackground = true };
        accepting.Start();

        using (var attacker = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            attacker.Connect(l.LocalEndPoint);
            byte[] hellos = BadHellos(2000); // ≥ 200 KB of warnings: far past a pipe's 64 KB
            for (int i = 0; i < 3; i++)
            {
                attacker.Send(hellos);
            }
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var stream = await TcpTransport.ConnectAsync("127.0.0.1", l.LocalEndPoint.Port, cts.Token);
        await using var client = await LinkClient.ConnectAsync(stream, Options(), cts.Token);
        Assert.False((await client.DeclareAsync(10, Root(), true, cts.Token)).IsError);
    }

    private string State()
    {
        var c = board.Link.Counters;
        return $"active {listener.ActiveConnections}, rejected {listener.RejectedConnections}, streams {board.Link.StreamsInUse}, evicted {c.Get(LinkCounter.StreamsEvicted)}, refused {c.Get(LinkCounter.StreamsRefused)}, idle {c.Get(LinkCounter.StreamsIdleClosed)}";
    }

    private Socket Connect()
    {
        var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        s.Connect(listener.LocalEndPoint);
        return s;
    }

    private async Task<LinkClient> ConnectKeyedAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var stream = await TcpTransport.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, cts.Token);
        return await LinkClient.ConnectAsync(stream, Options(), cts.Token);
    }

    /// <summary>
    /// A peer that never authenticates and reconnects (after 20 ms) whenever the board closes it, until
    /// <paramref name="stop"/>. Its waits are awaited, so a slot's worth of them holds no pool thread.
    /// </summary>
    private async Task ReconnectWhenClosedAsync(CancellationToken stop)
    {
        var buffer = new byte[64];
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await s.ConnectAsync(listener.LocalEndPoint, stop);
                while (await s.ReceiveAsync(buffer, SocketFlags.None, stop) != 0)
                {
                }

                // Closed by the board: reconnect at once.
            }
            catch (SocketException)
            {
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }

            await Task.Delay(20); // fast, but leaves the shared test machine some air
        }
    }

    /// <summary>A keyed host whose socket is bound to <paramref name="local"/> (another peer than 127.0.0.1).</summary>
    private async Task<LinkClient> ConnectKeyedFromAsync(IPAddress local)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(local, 0));
            await socket.ConnectAsync(listener.LocalEndPoint, cts.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return await LinkClient.ConnectAsync(new NetworkStream(socket, ownsSocket: true), Options(), cts.Token);
    }

    private static LinkClientOptions Options() => new()
    {
        Key = DevelopmentKey.Create(),
        HostId = HostIds.FromName("attack-test-" + Guid.NewGuid().ToString("N")),
    };

    private static CredInfo Root() => new();

    /// <summary>A preamble announcing a 16 KiB frame, then only 8 KiB of it.</summary>
    private static byte[] HalfFrame()
    {
        byte[] frame = new byte[LinkLimits.FrameLength(LinkLimits.DesktopBody)];
        FrameHeader.Write(frame, 0, FrameKind.Request, 0, RefusalReason.None, 1, 1, 1);
        byte[] wire = new byte[LinkLimits.WireLength(LinkLimits.DesktopBody)];
        int n = FrameEncoder.Encode(frame, 0, LinkLimits.DesktopBody, wire, 0);
        return wire.AsSpan(0, n / 2).ToArray();
    }

    private static byte[] Pings(int count) => Repeat(FrameKind.Ping, Array.Empty<byte>(), count);

    private static byte[] BadHellos(int count) => Repeat(FrameKind.Hello, new byte[8], count);

    private static byte[] Repeat(FrameKind kind, byte[] body, int count)
    {
        byte[] frame = new byte[LinkLimits.FrameLength(body.Length)];
        FrameHeader.Write(frame, 0, kind, 0, RefusalReason.None, 1, 0, 0);
        body.CopyTo(frame, FrameHeader.Size);
        byte[] one = new byte[LinkLimits.WireLength(body.Length)];
        int n = FrameEncoder.Encode(frame, 0, body.Length, one, 0);
        byte[] all = new byte[n * count];
        for (int i = 0; i < count; i++)
        {
            Array.Copy(one, 0, all, i * n, n);
        }

        return all;
    }
}
