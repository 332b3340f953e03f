using System.Linq;
using System.Threading;
using Gateway.Protocol.Link;

namespace Gateway.Protocol.Tests.Link;

public sealed class BoardLinkEventTests
{
    [Fact]
    public void Raise_FromAnotherThread_SendsEventsWithARunningCounterPerSource()
    {
        using var board = new BoardHarness();
        TestHost host = board.Connect();
        host.Open();

        var raiser = new Thread(() =>
        {
            board.Link.Raise(1, 10, 0x20);
            board.Link.Raise(2, 11, 0x40);
            board.Link.Raise(1, 10, 0x21);
        });
        raiser.Start();
        raiser.Join();
        var events = Enumerable.Range(0, 3).Select(_ => host.NextOf(FrameKind.Event)).ToList();

        // EVENT header: seq = counter, a = source, b = code; body = i32 value.
        Assert.Equal(new[] { (1u, 1, 10, 0x20), (1u, 2, 11, 0x40), (2u, 1, 10, 0x21) },
            events.Select(e => (e.Seq, e.A, e.B, System.BitConverter.ToInt32(e.Body))).ToArray());
        Assert.Equal(3, board.Link.Counters.Get(LinkCounter.EventsRaised));
    }

    [Fact]
    public void Raise_SessionWithoutTheEventsFeature_SendsItNothing()
    {
        using var board = new BoardHarness();
        TestHost quiet = board.Connect();
        quiet.Open(features: 0);
        TestHost listening = board.Connect(Enumerable.Repeat((byte)0x31, 16).ToArray());
        listening.Open();

        board.Link.Raise(5, 1, 1);
        TestFrame received = listening.NextOf(FrameKind.Event);

        Assert.Empty(quiet.Fence());
        Assert.Equal(5, received.A);
        Assert.Equal(1, board.Link.Counters.Get(LinkCounter.EventsSent));
    }

    [Fact]
    public void Raise_BeforeAuthentication_SendsNothing()
    {
        using var board = new BoardHarness();
        TestHost host = board.Connect();
        TestFrame reply = host.Hello(1);

        board.Link.Raise(1, 1, 1);
        TestFrame auth = host.Auth(1, host.Proof(reply, BoardHarness.Key));

        Assert.Equal(FrameKind.AuthReply, auth.Kind);
        Assert.Empty(host.Fence());
        Assert.Empty(host.Skipped);
    }

    [Fact]
    public void Raise_WhileRequestsFlow_EveryFrameArrivesWhole()
    {
        using var board = new BoardHarness();
        TestHost host = board.Connect();
        host.Open();
        host.Declare(1, 1);

        var raiser = new Thread(() =>
        {
            for (int i = 0; i < 200; i++)
            {
                board.Link.Raise(3, 0, i);
            }
        });
        raiser.Start();
        for (uint seq = 2; seq < 52; seq++)
        {
            host.Send(TestHost.Request(seq, 1, 3, (byte)seq));
            Assert.Equal(seq, host.NextOf(FrameKind.Reply).Seq);
        }

        raiser.Join();
        host.Fence();
        var counters = host.Skipped.Where(f => f.Kind == FrameKind.Event).Select(f => f.Seq).ToList();

        Assert.Equal(Enumerable.Range(1, counters.Count).Select(i => (uint)i), counters);
        Assert.Equal(200, board.Link.Counters.Get(LinkCounter.EventsRaised));
    }
}
