using System;
using Gateway.Protocol.Link;

namespace Gateway.Protocol.Tests.Link;

/// <summary>
/// hardware-docs/link.md §10, "Places" (G): the fair share between peers and the slots kept for lines, decided by the
/// board engine over test streams with a clock that stands still unless a test moves it (so "within the grace" holds
/// for as long as a test needs it to).
/// </summary>
public sealed class BoardLinkPlacesTests
{
    private const int PeerA = 0x0A;
    private const int PeerB = 0x0B;
    private const int PeerC = 0x0C;

    [Fact]
    public void Serve_OnePeerHoldsEverySlotWithinTheGrace_AnotherPeersNewcomerEvictsItsOldest()
    {
        // The reconnect flood: every slot is a fresh connection of one peer, so none is past its grace.
        using var board = new BoardHarness(Config(streams: 3));
        TestHost[] flood = Fill(board, PeerA, 3);

        TestHost newcomer = board.Connect(peer: PeerB);

        Assert.False(newcomer.Open().IsError);
        Assert.Equal(1, board.Link.Counters.Get(LinkCounter.StreamsEvicted));
        Assert.Equal(-1, flood[0].Stream.Read(new byte[1], 0, 1, 5000)); // the oldest of the flood made way
        Assert.Equal(0, board.Link.Counters.Get(LinkCounter.StreamsRefused));
    }

    [Fact]
    public void Serve_APeersOwnNewcomerWithinTheGrace_IsRefused()
    {
        // A flooding peer cannot push its own connections out faster than the grace: it is refused, as before.
        using var board = new BoardHarness(Config(streams: 3));
        Fill(board, PeerA, 3);
        bool refused = Refused(board, PeerA);

        Assert.True(refused);
        Assert.Equal(0, board.Link.Counters.Get(LinkCounter.StreamsEvicted));
        Assert.Equal(1, board.Link.Counters.Get(LinkCounter.StreamsRefused));
    }

    [Fact]
    public void Serve_SharesDifferByOne_NewcomerWithinTheGraceIsRefused()
    {
        // Two sessionless connections of A beside one of B: B's second connection would leave the shares as uneven
        // the other way (1 and 2), so no one is pushed out within the grace and peers cannot evict each other in turn.
        using var board = new BoardHarness(Config(streams: 3));
        Fill(board, PeerA, 2);
        TestHost b = board.Connect(peer: PeerB);
        Assert.False(b.Hello(1).IsError);

        bool refused = Refused(board, PeerB);

        Assert.True(refused);
        Assert.Equal(0, board.Link.Counters.Get(LinkCounter.StreamsEvicted));
    }

    [Fact]
    public void Serve_AThirdPeerWhenOneHoldsTwoMore_EvictsThatPeersOldestNotTheOthers()
    {
        using var board = new BoardHarness(Config(streams: 3, sessions: 2));
        TestHost b = board.Connect(peer: PeerB);
        Assert.False(b.Hello(1).IsError);
        board.Clock.Advance(1);
        TestHost[] a = Fill(board, PeerA, 2);

        TestHost c = board.Connect(peer: PeerC);

        Assert.False(c.Open().IsError);
        Assert.Equal(-1, a[0].Stream.Read(new byte[1], 0, 1, 5000));
        Assert.False(b.Open().IsError); // B's connection, older than A's, kept its place
    }

    [Fact]
    public void Serve_AuthenticatedConnectionsOfThePeer_AreNotCountedNorEvicted()
    {
        // Only connections without a session count: a peer whose hosts are keyed holds no share to lose.
        using var board = new BoardHarness(Config(streams: 2, sessions: 2));
        TestHost keyed = board.Connect(peer: PeerA);
        keyed.Open();
        TestHost idle = board.Connect(peer: PeerA);
        Assert.False(idle.Hello(1).IsError);

        bool refused = Refused(board, PeerB);

        Assert.True(refused); // A holds one sessionless connection, B none: 1 < 0 + 2, and it is in its grace
        Assert.Empty(keyed.Fence());
    }

    [Fact]
    public void Serve_UnknownPeers_EachAPeerOfItsOwn_NoEvictionWithinTheGrace()
    {
        // A transport without peer identity (an in-memory pipe) keeps the rule it had: oldest past its grace only.
        using var board = new BoardHarness(Config(streams: 2));
        Fill(board, BoardLink.UnknownPeer, 2);

        Assert.True(Refused(board, BoardLink.UnknownPeer));

        board.Clock.Advance(board.Config.EvictionGraceMs);
        TestHost late = board.Connect();
        Assert.False(late.Hello(1).IsError);
        Assert.Equal(1, board.Link.Counters.Get(LinkCounter.StreamsEvicted));
    }

    [Fact]
    public void Serve_EveryConnectionSlotBusy_TheLinesSlotIsNotTakenAndALineGetsIt()
    {
        // LineSlots = 1: connections hold at most Streams − 1 slots; the last is the tty's.
        var config = Config(streams: 0, sessions: 2);
        config.LineSlots = 1;
        using var board = new BoardHarness(config);
        Assert.Equal(4, board.Link.StreamSlots);
        Assert.Equal(3, board.Link.ConnectionSlots);
        TestHost[] connections = Fill(board, PeerA, 3);

        bool refused = Refused(board, PeerA); // in their grace, and the free slot is not the connections'

        Assert.True(refused);
        Assert.Equal(3, board.Link.StreamsInUse);
        board.Clock.Advance(config.EvictionGraceMs);
        TestHost evicting = board.Connect(peer: PeerA); // past the grace: it evicts, it does not take the line's slot
        Assert.False(evicting.Hello(1).IsError);
        Assert.Equal(1, board.Link.Counters.Get(LinkCounter.StreamsEvicted));
        Assert.Equal(-1, connections[0].Stream.Read(new byte[1], 0, 1, 5000));
        Assert.Equal(3, board.Link.StreamsInUse);

        TestHost line = board.ConnectLine();
        Assert.False(line.Open().IsError);
        Assert.Equal(4, board.Link.StreamsInUse);
    }

    [Fact]
    public void Serve_NoLineServed_ConnectionsStillCannotTakeTheLinesSlot()
    {
        var config = Config(streams: 2);
        config.LineSlots = 1;
        using var board = new BoardHarness(config);
        TestHost first = board.Connect(peer: PeerA);
        Assert.False(first.Hello(1).IsError);

        Assert.True(Refused(board, PeerB)); // B holds 0, A 1: not two more; A is in its grace
        Assert.Equal(1, board.Link.StreamsInUse);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(6)]
    public void Config_LineSlotsOutOfRange_IsRefused(int lineSlots)
    {
        var config = Config(streams: 5);
        config.LineSlots = lineSlots;

        Assert.Throws<ArgumentException>(() => config.Validate());
    }

    [Fact]
    public void Config_DefaultStreams_AddTheLineSlotsToSessionsPlusOne()
    {
        var config = BoardLinkConfig.Emulated();
        config.LineSlots = 1;

        Assert.Equal((6, 5), (config.EffectiveStreams, config.ConnectionSlots));
    }

    /// <summary>
    /// Offers a connection of <paramref name="peer"/>: true when the board refuses it (Serve returns false at once, the
    /// stream closed). A connection the board takes is served until the board stops: after 5 s it counts as taken, so
    /// a wrong decision fails the test instead of hanging it.
    /// </summary>
    private static bool Refused(BoardHarness board, int peer)
    {
        var stream = new TestStream();
        bool served = true;
        var offer = new System.Threading.Thread(() => served = board.Link.Serve(stream, peer)) { IsBackground = true };
        offer.Start();
        if (!offer.Join(5000))
        {
            return false;
        }

        Assert.Equal(-1, stream.Read(new byte[1], 0, 1, 0)); // a refused connection is closed
        return !served;
    }

    private static BoardLinkConfig Config(int streams, int sessions = 1)
    {
        var config = BoardLinkConfig.Esp32();
        config.Sessions = sessions;
        config.Streams = streams;
        return config;
    }

    /// <summary><paramref name="count"/> connections of <paramref name="peer"/>, each attached (its HELLO answered) a millisecond after the last.</summary>
    private static TestHost[] Fill(BoardHarness board, int peer, int count)
    {
        var hosts = new TestHost[count];
        for (int i = 0; i < count; i++)
        {
            hosts[i] = board.Connect(peer: peer);
            Assert.False(hosts[i].Hello(1).IsError);
            board.Clock.Advance(1);
        }

        return hosts;
    }
}
