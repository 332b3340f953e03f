using System;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Host.Link;
using Gateway.Protocol.Link;
using Gateway.Transports.Desktop.InMemory;

namespace Gateway.Host.Tests.Link;

/// <summary>
/// On a slow line a long reply takes longer to arrive than the retransmit timeout (16 KiB: 1.4 s at 115,200 baud).
/// The client must not take the time it spends arriving for a loss — resending only queues a duplicate reply in
/// front of the next one — but a lost request must still be resent even while events keep coming. Counts only.
/// </summary>
public sealed class RetransmitTimingTests
{
    private static async Task<(LinkClient Client, RawBoard Board)> ConnectAsync(TimeSpan timeout)
    {
        var pipe = new InMemoryPipe();
        var board = new RawBoard(pipe.Board);
        Task accept = board.AcceptAsync();
        LinkClient client = await LinkClient.ConnectAsync(pipe.Host, TestOptions.Fast() with { RetransmitTimeout = timeout });
        await accept;
        return (client, board);
    }

    [Fact]
    public async Task LongReplyArrivingSlowerThanTheTimeout_IsNotRetransmitted()
    {
        // The timeout is far longer than the gap between pieces (so a loaded CI machine does not stall past it) and
        // far shorter than the whole reply's arrival.
        var (client, board) = await ConnectAsync(TimeSpan.FromSeconds(2));
        await using (client)
        {
            Task<BoardReply> send = client.SendAsync(1, 3, new byte[] { 0xAA });
            RawFrame request = board.NextRequest();

            // The reply's 16 KiB dribble in over about 4.5 s, as on a slow line: 180 pieces 25 ms apart.
            byte[] body = new byte[16384];
            new Random(7).NextBytes(body);
            byte[] wire = RawBoard.Wire(FrameKind.Reply, request.Seq, body.Length, 0, body);
            int piece = (wire.Length + 179) / 180;
            for (int offset = 0; offset < wire.Length; offset += piece)
            {
                board.Write(wire, offset, Math.Min(piece, wire.Length - offset));
                await Task.Delay(25);
            }

            BoardReply reply = await send;

            Assert.Equal(body, reply.Body);
            Assert.Equal(0, client.Counters.Retransmits);
        }
    }

    [Fact]
    public async Task RequestLostWhileEventsKeepComing_IsStillRetransmitted()
    {
        var (client, board) = await ConnectAsync(TimeSpan.FromMilliseconds(300));
        await using (client)
        {
            Task<BoardReply> send = client.SendAsync(1, 3, new byte[] { 0xBB });
            RawFrame first = board.NextRequest();
            using var stop = new CancellationTokenSource();
            var events = Task.Run(async () =>
            {
                for (uint counter = 1; !stop.IsCancellationRequested; counter++)
                {
                    board.Event(1, 1, 1, counter);
                    await Task.Delay(50);
                }
            });

            RawFrame again = board.NextRequest();
            stop.Cancel();
            await events;
            board.Reply(again.Seq, 1, new byte[] { 0xBB });
            await send;

            Assert.Equal(first.Seq, again.Seq);
            Assert.True(client.Counters.Retransmits >= 1);
        }
    }
}
