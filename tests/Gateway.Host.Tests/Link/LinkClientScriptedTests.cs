using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Host.Link;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;
using Gateway.Transports.Desktop.InMemory;

namespace Gateway.Host.Tests.Link;

/// <summary>The host link client against a scripted board that answers late, twice, out of order or never.</summary>
public sealed class LinkClientScriptedTests
{
    private static async Task<(LinkClient Client, RawBoard Board, InMemoryPipe Pipe)> ConnectAsync(int window = 8, LinkClientOptions? options = null)
    {
        var pipe = new InMemoryPipe();
        var board = new RawBoard(pipe.Board, window);
        Task accept = board.AcceptAsync();
        LinkClient client = await LinkClient.ConnectAsync(pipe.Host, options ?? TestOptions.Fast());
        await accept;
        return (client, board, pipe);
    }

    [Fact]
    public async Task Request_Unanswered_IsRetransmittedWithTheSameSequenceNumberAndBytes()
    {
        var (client, board, _) = await ConnectAsync();
        await using (client)
        {
            Task<BoardReply> send = client.SendAsync(1, 3, new byte[] { 0xAA });
            RawFrame first = board.NextRequest();
            RawFrame again = board.NextRequest();
            board.Reply(again.Seq, 1, again.Body);
            BoardReply reply = await send;

            Assert.Equal((first.Seq, first.A, first.B), (again.Seq, again.A, again.B));
            Assert.Equal(first.Body, again.Body);
            Assert.Equal(1, reply.Status);
            Assert.True(client.Counters.Retransmits >= 1);
        }
    }

    [Fact]
    public async Task Replies_LateDuplicateOrUnknown_AreNeverTakenForAnotherRequest()
    {
        var (client, board, _) = await ConnectAsync();
        await using (client)
        {
            Task<BoardReply> a = client.SendAsync(1, 3, new byte[] { 0x0A });
            RawFrame ra = board.NextRequest();
            Task<BoardReply> b = client.SendAsync(1, 3, new byte[] { 0x0B });
            RawFrame rb = board.NextRequest(f => f.Seq != ra.Seq);

            board.Reply(99, 5, new byte[] { 0x99 });
            board.Reply(rb.Seq, 2, new byte[] { 0x0B });
            board.Reply(rb.Seq, 2, new byte[] { 0xBB });
            board.Reply(ra.Seq, 1, new byte[] { 0x0A });
            board.Reply(ra.Seq, 1, new byte[] { 0xAA });
            BoardReply replyA = await a;
            BoardReply replyB = await b;

            Assert.Equal((ra.Seq, 1, 0x0A), (replyA.Seq, replyA.Status, replyA.Body.AsSpan()[0]));
            Assert.Equal((rb.Seq, 2, 0x0B), (replyB.Seq, replyB.Status, replyB.Body.AsSpan()[0]));
            await Poll.UntilAsync(() => client.Counters.LateReplies == 3, 10_000, () => $"the client counted {client.Counters.LateReplies} late replies, not 3");
        }
    }

    [Fact]
    public async Task Window_Full_NoRequestIsSentAtOrBeyondTheOldestUnansweredPlusWindow()
    {
        var (client, board, _) = await ConnectAsync(window: 4);
        await using (client)
        {
            Task<BoardReply>[] sends = Enumerable.Range(0, 12).Select(i => client.SendAsync(1, 3, new byte[] { (byte)i })).ToArray();
            var seen = new System.Collections.Generic.HashSet<uint>();
            while (seen.Count < 4)
            {
                seen.Add(board.NextRequest().Seq);
            }

            // Answer 2, 3 and 4 but not 1: the window must not slide.
            foreach (uint seq in new uint[] { 2, 3, 4 })
            {
                board.Reply(seq, 1, new byte[] { (byte)(seq - 1) });
            }

            // Wait until request 1 is retransmitted: by then anything the host would send, it has sent.
            RawFrame retransmitted = board.Next(f => f.Kind == FrameKind.Request && f.Seq == 1);
            uint highestBeforeAnswer = seen.Max();
            board.Reply(1, 1, new byte[] { 0 });
            for (uint next = 5; next <= 12; next++)
            {
                RawFrame f = board.Next(x => x.Kind == FrameKind.Request && x.Seq == next);
                board.Reply(f.Seq, 1, f.Body);
            }

            BoardReply[] replies = await Task.WhenAll(sends);

            Assert.Equal(1u, retransmitted.Seq);
            Assert.Equal(4u, highestBeforeAnswer);
            Assert.Equal(Enumerable.Range(0, 12).Select(i => (byte)i), replies.Select(r => r.Body.AsSpan()[0]));
        }
    }

    [Fact]
    public async Task Request_NeverAnswered_EndsTheSessionUnresponsive()
    {
        var (client, board, _) = await ConnectAsync(options: TestOptions.Fast() with { MaxAttempts = 3, RetransmitTimeout = TimeSpan.FromMilliseconds(50) });
        await using (client)
        {
            var e = await Assert.ThrowsAsync<LinkSessionEndedException>(() => client.SendAsync(1, 3, new byte[] { 1 }));

            Assert.Equal(LinkEndReason.Unresponsive, e.EndReason);
            Assert.Equal(LinkEndReason.Unresponsive, await client.Completion);
            Assert.Equal(2, client.Counters.Retransmits);
            _ = board;
        }
    }

    [Fact]
    public async Task Reply_NotAuthenticated_EndsTheSessionLost()
    {
        var (client, board, _) = await ConnectAsync();
        await using (client)
        {
            Task<BoardReply> send = client.SendAsync(1, 3, new byte[] { 1 });
            RawFrame r = board.NextRequest();
            board.Send(FrameKind.Reply, r.Seq, Errno.EPERM, 0, Array.Empty<byte>(), FrameFlags.Error, RefusalReason.NotAuthenticated);

            var e = await Assert.ThrowsAsync<LinkSessionEndedException>(() => send);

            Assert.Equal(LinkEndReason.SessionLost, e.EndReason);
        }
    }

    [Theory]
    [InlineData(RefusalReason.SessionReplaced, LinkEndReason.Replaced)]
    [InlineData(RefusalReason.SessionTimeout, LinkEndReason.TimedOut)]
    [InlineData(RefusalReason.Shutdown, LinkEndReason.ClosedByBoard)]
    public async Task Close_FromTheBoard_FailsRequestsInFlightWithItsReason(RefusalReason boardReason, LinkEndReason expected)
    {
        var (client, board, _) = await ConnectAsync();
        await using (client)
        {
            Task<BoardReply> send = client.SendAsync(1, 3, new byte[] { 1 });
            board.NextRequest();
            board.Send(FrameKind.Close, 0, 0, 0, Array.Empty<byte>(), reason: boardReason);

            var e = await Assert.ThrowsAsync<LinkSessionEndedException>(() => send);

            Assert.Equal(expected, e.EndReason);
            Assert.Equal(expected, await client.Completion);
        }
    }

    [Fact]
    public async Task Events_WithAGapInTheCounter_ReportTheLostOnes()
    {
        var (client, board, _) = await ConnectAsync();
        await using (client)
        {
            var seen = new ConcurrentQueue<BoardEvent>();
            using IDisposable subscription = client.Subscribe(seen.Enqueue);

            board.Event(3, 1, 0x10, 1);
            board.Event(3, 1, 0x11, 2);
            board.Event(4, 2, 0x01, 9);
            board.Event(3, 1, 0x15, 5);
            board.Event(3, 1, 0x15, 5);
            board.Event(3, 1, 0x14, 4);
            board.Event(3, 1, 0x16, 6);

            await Poll.UntilAsync(() => seen.Count == 5, 10_000, () => $"the subscriber saw {seen.Count} of the 5 events sent");
            Assert.Equal(
                new[] { (3, 1u, 0L), (3, 2u, 0L), (4, 9u, 0L), (3, 5u, 2L), (3, 6u, 0L) },
                seen.Select(e => (e.Source, e.Counter, e.Lost)).ToArray());
            Assert.Equal((2L, 2L), (client.Counters.EventsLost, client.Counters.StaleEvents));
        }
    }

    [Fact]
    public async Task Events_UnsubscribedHandler_StopsReceiving()
    {
        var (client, board, _) = await ConnectAsync();
        await using (client)
        {
            var kept = new ConcurrentQueue<BoardEvent>();
            var dropped = new ConcurrentQueue<BoardEvent>();
            using IDisposable keep = client.Subscribe(kept.Enqueue);
            IDisposable drop = client.Subscribe(dropped.Enqueue);

            board.Event(1, 0, 0, 1);
            await Poll.UntilAsync(() => dropped.Count == 1 && kept.Count == 1, 10_000, () => $"the first event reached {dropped.Count} dropped and {kept.Count} kept subscribers, not 1 and 1");
            drop.Dispose();
            board.Event(1, 0, 0, 2);
            await Poll.UntilAsync(() => kept.Count == 2, 10_000, () => $"the kept subscriber saw {kept.Count} of 2 events");

            Assert.Single(dropped);
        }
    }

    [Fact]
    public async Task Idle_Client_PingsTheBoard()
    {
        var (client, board, _) = await ConnectAsync(options: TestOptions.Fast() with { PingInterval = TimeSpan.FromMilliseconds(50) });
        await using (client)
        {
            RawFrame ping = board.Next(f => f.Kind == FrameKind.Ping);
            board.Send(FrameKind.Pong, ping.Seq, 0, 0, Array.Empty<byte>());

            Assert.True(ping.Seq >= 1);
            Assert.True(client.Counters.Pings >= 1);
        }
    }

    [Fact]
    public async Task Silent_Board_EndsTheSessionUnresponsive()
    {
        var (client, _, _) = await ConnectAsync(options: TestOptions.Fast() with { PingInterval = TimeSpan.FromMilliseconds(20), SilenceTimeout = TimeSpan.FromMilliseconds(200) });
        await using (client)
        {
            Assert.Equal(LinkEndReason.Unresponsive, await client.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        }
    }

    [Fact]
    public async Task Stream_ClosedByTheBoardSide_EndsStreamClosed()
    {
        var (client, _, pipe) = await ConnectAsync();
        await using (client)
        {
            pipe.Board.Close();

            Assert.Equal(LinkEndReason.StreamClosed, await client.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        }
    }
}

internal static class RawBoardExtensions
{
    public static RawFrame NextRequest(this RawBoard board, Func<RawFrame, bool> match) =>
        board.Next(f => (f.Kind == FrameKind.Request || f.Kind == FrameKind.Declare) && match(f));
}
