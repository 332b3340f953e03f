using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Host.Link;
using Gateway.Protocol.Link;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Platform;
using Gateway.Protocol.Desktop.Platform;

namespace Gateway.Transports.Tests.Contract;

/// <summary>
/// The contract every link transport keeps, as one suite: subclass it with a factory for a connected pair (the host's
/// <see cref="Stream"/>, the board's <see cref="IByteStream"/>): in-memory, TCP loopback and pseudo-terminals
/// (<c>LinkTransportContracts.cs</c>, <c>InMemory/InMemoryPipeTests.cs</c>). Bytes arrive whole and in order both
/// ways, idle board reads time out with 0, closing one end shows the end on the other, and the whole link
/// (handshake, declare, requests, events) runs over it.
/// </summary>
public abstract class LinkTransportContract
{
    /// <summary>
    /// A fresh connected pair. <c>Close</c> closes the connection (both ends where the transport allows). Awaited, as
    /// TCP's connect is: a test thread blocked on it would hold back the thread pool the connect completes on.
    /// </summary>
    protected abstract Task<(Stream Host, IByteStream Board, Action Close)> CreatePairAsync();

    [Fact]
    public async Task Transport_HostToBoard_BytesArriveWholeAndInOrder()
    {
        var (host, board, close) = await CreatePairAsync();
        byte[] sent = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();

        var writing = Task.Run(async () =>
        {
            for (int offset = 0; offset < sent.Length; offset += 4096)
            {
                await host.WriteAsync(sent.AsMemory(offset, Math.Min(4096, sent.Length - offset)));
            }
        });
        byte[] got = ReadBoard(board, sent.Length);
        await writing;
        close();

        Assert.Equal(sent, got);
    }

    [Fact]
    public async Task Transport_BoardToHost_BytesArriveWholeAndInOrder()
    {
        var (host, board, close) = await CreatePairAsync();
        byte[] sent = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 13)).ToArray();

        var writing = Task.Run(() =>
        {
            for (int offset = 0; offset < sent.Length; offset += 1000)
            {
                board.Write(sent, offset, Math.Min(1000, sent.Length - offset));
            }
        });
        byte[] got = new byte[sent.Length];
        int total = 0;
        while (total < got.Length)
        {
            int n = await host.ReadAsync(got.AsMemory(total)).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(n > 0, "the host stream ended early");
            total += n;
        }

        await writing;
        close();

        Assert.Equal(sent, got);
    }

    [Fact]
    public async Task Transport_BoardReadWithNothingSent_ReturnsZero()
    {
        var (_, board, close) = await CreatePairAsync();

        int n = board.Read(new byte[16], 0, 16, 20);
        close();

        Assert.Equal(0, n);
    }

    [Fact]
    public async Task Transport_HostEndDisposed_BoardSeesTheEndAfterDraining()
    {
        var (host, board, _) = await CreatePairAsync();
        host.Write(new byte[] { 1, 2, 3 });

        host.Dispose();
        byte[] drained = ReadBoard(board, 3);
        int end = board.Read(new byte[4], 0, 4, 5000);

        Assert.Equal(new byte[] { 1, 2, 3 }, drained);
        Assert.Equal(-1, end);
    }

    [Fact]
    public async Task Transport_BoardEndClosed_HostReadReturnsZero()
    {
        var (host, board, _) = await CreatePairAsync();

        board.Close();
        int n = await host.ReadAsync(new byte[8]).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, n);
    }

    [Fact]
    public async Task Link_OverTheTransport_HandshakesAndCarriesRequestsAndEvents()
    {
        var (host, board, close) = await CreatePairAsync();
        var handler = new EchoingHandler();
        var linkConfig = BoardLinkConfig.Emulated();
        linkConfig.Threads = BackgroundThreads.Instance;
        var link = new BoardLink(linkConfig, handler, new BclHmac(DevelopmentKey.Create()), SystemClock.Instance, new ConsoleLog(writer: TextWriter.Null), BootIds.Create());
        var serving = new Thread(() => link.Serve(board)) { IsBackground = true };
        serving.Start();
        var options = new LinkClientOptions { Key = DevelopmentKey.Create(), HostId = HostIds.FromName("contract") };
        var events = new System.Collections.Concurrent.ConcurrentQueue<BoardEvent>();

        await using (LinkClient client = await LinkClient.ConnectAsync(host, options))
        {
            using IDisposable subscription = client.Subscribe(events.Enqueue);
            BoardReply declared = await client.DeclareAsync(1, new CredInfo { Euid = 0 });
            BoardReply[] replies = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => client.SendAsync(1, 3, new byte[] { (byte)i, 0xCD })));
            link.Raise(2, 3, 4);
            long deadline = Environment.TickCount64 + 10_000;
            while (events.IsEmpty && Environment.TickCount64 < deadline)
            {
                await Task.Delay(10);
            }

            Assert.False(declared.IsError);
            Assert.Equal(Enumerable.Range(0, 50).Select(i => (byte)i), replies.Select(r => r.Body.AsSpan()[0]));
        }

        link.Stop();
        await Poll.UntilEndedAsync(serving, 5000, "the board's serving thread did not end once the link stopped");
        close();

        Assert.Equal(new BoardEvent(2, 3, 4, 1, 0), Assert.Single(events));
        Assert.Equal(50, link.Counters.RequestsApplied);
    }

    private static byte[] ReadBoard(IByteStream board, int count)
    {
        byte[] got = new byte[count];
        int total = 0;
        long deadline = Environment.TickCount64 + 10_000;
        while (total < count && Environment.TickCount64 < deadline)
        {
            int n = board.Read(got, total, count - total, 100);
            Assert.True(n >= 0, "the board stream ended early");
            total += n;
        }

        Assert.Equal(count, total);
        return got;
    }

    private sealed class EchoingHandler : IMessageHandler
    {
        public int DeclareProcess(int session, int pid, CredInfo cred, bool is64Bit) => 0;

        public void Handle(int session, int pid, int coid, byte[] message, int offset, int length, Reply reply)
        {
            Array.Copy(message, offset, reply.Buffer, reply.BodyOffset, length);
            reply.SetStatus(length, length);
        }

        public void EndSession(int session)
        {
        }
    }
}
