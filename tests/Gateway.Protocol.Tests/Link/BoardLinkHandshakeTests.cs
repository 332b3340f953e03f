using System;
using System.Linq;
using System.Text;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;

namespace Gateway.Protocol.Tests.Link;

public sealed class BoardLinkHandshakeTests
{
    [Fact]
    public void Handshake_RightKey_NegotiatesLimitsProvesTheBoardAndOpensASession()
    {
        using var board = new BoardHarness();
        TestHost host = board.Connect();

        TestFrame reply = host.Hello(1, maxBody: 1 << 20, window: 100, features: LinkFeatures.Events | 0x8000_0000);
        var r = new HelloReply();
        r.Decode(reply.Body, 0, reply.Body.Length);
        byte[] expectedProof = new byte[32];
        LinkAuth.BoardProof(new TestHmac(BoardHarness.Key), host.LastHelloBody, 0, reply.Body, 0, new byte[LinkAuth.ScratchSize], expectedProof, 0);
        TestFrame auth = host.Auth(1, host.Proof(reply, BoardHarness.Key));

        Assert.Equal((FrameKind.HelloReply, 1u, FrameFlags.None, RefusalReason.None), (reply.Kind, reply.Seq, reply.Flags, reply.Reason));
        Assert.Equal(HelloReply.Size, reply.Body.Length);
        Assert.Equal(LinkLimits.DesktopBody, r.MaxBody);
        Assert.Equal(8, r.Window);
        Assert.Equal(LinkFeatures.Events, r.Features);
        Assert.Equal(10_000, r.SessionTimeoutMs);
        Assert.Equal(BoardHarness.BootId, r.BootId);
        Assert.Equal("test-board", LinkText.Read(r.Name, 0, 32));
        Assert.Equal("emulated", LinkText.Read(r.Model, 0, 32));
        Assert.Equal("1.2.3", LinkText.Read(r.Firmware, 0, 32));
        Assert.Equal(expectedProof, r.Proof);
        Assert.Equal((FrameKind.AuthReply, 1u, false, 0), (auth.Kind, auth.Seq, auth.IsError, auth.A));
        Assert.Equal(1, board.Link.SessionCount);
        Assert.Equal(1, board.Link.Counters.SessionsOpened);
    }

    [Fact]
    public void Handshake_Esp32Config_GrantsOnePageAndWindowOne()
    {
        using var board = new BoardHarness(BoardLinkConfig.Esp32());
        TestHost host = board.Connect();

        TestFrame reply = host.Hello(1);
        var r = new HelloReply();
        r.Decode(reply.Body, 0, reply.Body.Length);

        Assert.Equal((LinkLimits.MinBody, 1), (r.MaxBody, r.Window));
    }

    [Theory]
    [InlineData(true, BoardKind.Emulated)]
    [InlineData(false, BoardKind.Hardware)]
    public void HelloReply_BoardKind_AnnouncedAtOffset6AndCoveredByTheProof(bool emulated, int kind)
    {
        // link.md §2.2: board_kind (u16 at 6) says whether the board is emulated; the development key needs it.
        using var board = new BoardHarness(emulated ? BoardLinkConfig.Emulated() : BoardLinkConfig.Esp32());
        TestHost host = board.Connect();

        TestFrame reply = host.Hello(1);
        var r = new HelloReply();
        r.Decode(reply.Body, 0, reply.Body.Length);
        int announced = HelloReply.ReadKind(reply.Body, 0);
        byte high = reply.Body[HelloReply.OffBoardKind + 1];
        byte[] proof = new byte[32];
        LinkAuth.BoardProof(new TestHmac(BoardHarness.Key), host.LastHelloBody, 0, reply.Body, 0, new byte[LinkAuth.ScratchSize], proof, 0);
        reply.Body[HelloReply.OffBoardKind] ^= 1; // a board_kind changed on the way no longer matches the proof
        byte[] tampered = new byte[32];
        LinkAuth.BoardProof(new TestHmac(BoardHarness.Key), host.LastHelloBody, 0, reply.Body, 0, new byte[LinkAuth.ScratchSize], tampered, 0);

        Assert.Equal(kind, announced);
        Assert.Equal(0, high);
        Assert.Equal(proof, r.Proof);
        Assert.NotEqual(proof, tampered);
    }

    [Fact]
    public void DevelopmentKey_Is_MatchesOnlyTheDocumentedBytes()
    {
        Assert.True(DevelopmentKey.Is(Encoding.ASCII.GetBytes("gateway-development-key-00000000")));
        Assert.False(DevelopmentKey.Is(Encoding.ASCII.GetBytes("gateway-development-key-00000001")));
        Assert.False(DevelopmentKey.Is(Encoding.ASCII.GetBytes("gateway-development-key-0000000")));
        Assert.False(DevelopmentKey.Is(null!));
    }

    [Fact]
    public void Auth_WrongKey_IsRefusedWithBadMacAndTheKeyNeverLogged()
    {
        using var board = new BoardHarness();
        TestHost host = board.Connect();
        byte[] wrongKey = Encoding.ASCII.GetBytes("not-the-key-of-this-board-000000");

        TestFrame reply = host.Hello(1);
        byte[] proofWithWrongKey = new byte[32];
        LinkAuth.BoardProof(new TestHmac(wrongKey), host.LastHelloBody, 0, reply.Body, 0, new byte[LinkAuth.ScratchSize], proofWithWrongKey, 0);
        TestFrame auth = host.Auth(1, host.Proof(reply, wrongKey));
        TestFrame after = host.Exchange(TestHost.Request(1, 1, 3, 0x01));

        // The host, holding the wrong key, cannot verify the board's proof either.
        Assert.NotEqual(proofWithWrongKey, reply.Body.AsSpan(HelloReply.OffProof, 32).ToArray());
        Assert.Equal((FrameKind.AuthReply, true, Errno.EPERM, RefusalReason.BadMac), (auth.Kind, auth.IsError, auth.A, auth.Reason));
        Assert.Equal((FrameKind.Reply, true, Errno.EPERM, RefusalReason.NotAuthenticated), (after.Kind, after.IsError, after.A, after.Reason));
        Assert.Equal(0, board.Handler.TotalExecutions);
        Assert.Equal(0, board.Link.SessionCount);
        Assert.Contains(board.Log.Lines, l => l.StartsWith("warn:") && l.Contains("proof does not match"));
        Assert.DoesNotContain(board.Log.Lines, l => l.Contains(DevelopmentKey.Text) || l.Contains("not-the-key"));
    }

    [Fact]
    public void BoardNonce_SameCountClockAndHostNonce_ChangesWithTheBootIdOnly()
    {
        // Issue 13 finding 9: two starts with the same boot id answer the same HELLO (same count, same clock) with the
        // same challenge, so a recorded HELLO+AUTH would replay; a fresh boot id (the ESP32's from its hardware RNG,
        // boards/esp32-devkitc) makes every challenge of the start new.
        byte[] nonce = Enumerable.Repeat((byte)0x3C, 32).ToArray();
        byte[] otherBoot = Enumerable.Range(0xC0, 16).Select(i => (byte)i).ToArray();
        using var first = new BoardHarness();
        using var sameBoot = new BoardHarness();
        using var newBoot = new BoardHarness(bootId: otherBoot);

        byte[] a = first.Connect().Hello(1, nonce).Body[32..64];
        byte[] b = sameBoot.Connect().Hello(1, nonce).Body[32..64];
        byte[] c = newBoot.Connect().Hello(1, nonce).Body[32..64];

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Hello_ReplayedNonce_IsRefusedAndTheSessionItCarriesStays()
    {
        using var board = new BoardHarness();
        TestHost host = board.Connect();
        byte[] nonce = Enumerable.Repeat((byte)0x5A, 32).ToArray();
        TestFrame first = host.Hello(1, nonce);
        host.Auth(1, host.Proof(first, BoardHarness.Key));

        TestFrame replay = host.Exchange(Wire.Frame(FrameKind.Hello, 2, body: TestHost.HelloBody(host.HostId, nonce)));
        TestHost other = board.Connect();
        TestFrame replayElsewhere = other.Exchange(Wire.Frame(FrameKind.Hello, 1, body: TestHost.HelloBody(other.HostId, nonce)));

        Assert.Equal((FrameKind.HelloReply, true, Errno.EPERM, RefusalReason.ReplayedNonce), (replay.Kind, replay.IsError, replay.A, replay.Reason));
        // Refusal body: lowest version 01, highest version 01, reserved 00 00.
        Assert.Equal(Hex.Parse("02 02 00 00"), replay.Body);
        Assert.Equal((true, RefusalReason.ReplayedNonce), (replayElsewhere.IsError, replayElsewhere.Reason));
        Assert.Empty(host.Fence());
        Assert.Equal(1, board.Link.SessionCount);
        Assert.Contains(board.Log.Lines, l => l.Contains("replayed"));
    }

    [Fact]
    public void Auth_ReplayedAgainstANewChallenge_FailsTheMac()
    {
        using var board = new BoardHarness();
        TestHost victim = board.Connect();
        victim.Open();
        byte[] recordedAuth = victim.LastAuthBody;

        TestHost attacker = board.Connect(victim.HostId);
        attacker.Hello(1);
        TestFrame auth = attacker.Auth(1, recordedAuth);

        Assert.Equal((FrameKind.AuthReply, true, Errno.EPERM, RefusalReason.BadMac), (auth.Kind, auth.IsError, auth.A, auth.Reason));
        Assert.Equal(1, board.Link.SessionCount);
        Assert.Empty(board.Handler.Ended);
    }

    [Theory]
    [InlineData(1)] // a version-1 header: the COBS-era link (this board speaks version 2 only)
    [InlineData(3)] // a future version
    public void Hello_UnknownVersion_IsRefusedAsUnsupportedAndCounted(int version)
    {
        using var board = new BoardHarness();
        TestHost host = board.Connect();

        TestFrame reply = host.Exchange(Wire.Frame(FrameKind.Hello, 4, body: TestHost.HelloBody(host.HostId), version: version));

        // The refusal names the versions the board speaks (lowest 2, highest 2) so the host can tell what to use.
        Assert.Equal((FrameKind.HelloReply, 2, 4u), (reply.Kind, reply.Version, reply.Seq));
        Assert.Equal((true, Errno.ENOTSUP, RefusalReason.UnsupportedVersion), (reply.IsError, reply.A, reply.Reason));
        Assert.Equal(Hex.Parse("02 02 00 00"), reply.Body);
        Assert.Equal(1, board.Link.Counters.Get(LinkCounter.DropBadVersion));
        Assert.Equal(1, board.Link.Counters.AuthFailures);
    }

    [Theory]
    [InlineData(LinkLimits.MinBody - 1, 8)]
    [InlineData(LinkLimits.MinBody, 0)]
    public void Hello_LimitsBelowTheMinimum_AreRefusedAsBadHello(int maxBody, int window)
    {
        using var board = new BoardHarness();
        TestHost host = board.Connect();

        TestFrame reply = host.Hello(1, maxBody: maxBody, window: window);

        Assert.Equal((true, Errno.EINVAL, RefusalReason.BadHello), (reply.IsError, reply.A, reply.Reason));
    }

    [Fact]
    public void Hello_ShortBody_IsRefusedAsBadHello()
    {
        using var board = new BoardHarness();
        TestHost host = board.Connect();

        TestFrame reply = host.Exchange(Wire.Frame(FrameKind.Hello, 1, body: new byte[HelloRequest.Size - 1]));

        Assert.Equal((true, RefusalReason.BadHello), (reply.IsError, reply.Reason));
    }

    [Theory]
    [InlineData(FrameKind.Request)]
    [InlineData(FrameKind.Declare)]
    [InlineData(FrameKind.Ping)]
    [InlineData(FrameKind.Close)]
    [InlineData((FrameKind)0x7F)]
    public void Frame_BeforeAuthentication_IsRefusedNotAuthenticatedAndNeverExecuted(FrameKind kind)
    {
        using var board = new BoardHarness();
        TestHost host = board.Connect();
        byte[] body = kind == FrameKind.Declare ? TestHost.Cred() : new byte[] { 0x16, 0x01, 0x10, 0x00 };

        TestFrame early = host.Exchange(Wire.Frame(kind, 1, 1, 3, body));
        TestFrame reply = host.Hello(1);
        TestFrame midHandshake = host.Exchange(Wire.Frame(kind, 2, 1, 3, body));

        foreach ((TestFrame f, uint seq) in new[] { (early, 1u), (midHandshake, 2u) })
        {
            Assert.Equal((FrameKind.Reply, seq, true), (f.Kind, f.Seq, f.IsError));
            Assert.Equal((Errno.EPERM, RefusalReason.NotAuthenticated), (f.A, f.Reason));
        }

        Assert.False(reply.IsError);
        Assert.Equal(0, board.Handler.TotalExecutions);
        Assert.Empty(board.Handler.Declared);
        Assert.Equal(0, board.Link.Counters.RequestsApplied);
        Assert.Equal(2, board.Link.Counters.Refusals);
    }

    [Fact]
    public void Auth_WithoutHello_IsRefusedNoHandshake()
    {
        using var board = new BoardHarness();
        TestHost host = board.Connect();

        TestFrame auth = host.Auth(1, new byte[32]);

        Assert.Equal((FrameKind.AuthReply, true, Errno.EPERM, RefusalReason.NoHandshake), (auth.Kind, auth.IsError, auth.A, auth.Reason));
    }

    [Fact]
    public void Auth_ForAnOlderAttempt_IsRefusedStaleAndThePendingHandshakeStays()
    {
        using var board = new BoardHarness();
        TestHost host = board.Connect();
        TestFrame first = host.Hello(1);
        byte[] firstProof = host.Proof(first, BoardHarness.Key);
        TestFrame second = host.Hello(2);

        TestFrame stale = host.Auth(1, firstProof);
        TestFrame good = host.Auth(2, host.Proof(second, BoardHarness.Key));

        Assert.Equal((true, RefusalReason.StaleHandshake), (stale.IsError, stale.Reason));
        Assert.Equal((FrameKind.AuthReply, false, 2u), (good.Kind, good.IsError, good.Seq));
    }

    [Fact]
    public void Auth_Retransmitted_IsAnsweredAgainWithoutASecondSession()
    {
        using var board = new BoardHarness();
        TestHost host = board.Connect();
        TestFrame first = host.Open();

        TestFrame again = host.Exchange(Wire.Frame(FrameKind.Auth, 1, body: host.LastAuthBody));

        Assert.Equal((FrameKind.AuthReply, false, first.A), (again.Kind, again.IsError, again.A));
        Assert.Equal(1, board.Link.Counters.SessionsOpened);
        Assert.Empty(board.Handler.Ended);
    }

    [Fact]
    public void Hello_EverySessionSlotTaken_IsRefusedNoSessionSlot()
    {
        var config = BoardLinkConfig.Esp32();
        config.Streams = 2;
        using var board = new BoardHarness(config);
        TestHost first = board.Connect();
        first.Open();
        byte[] otherHost = Enumerable.Repeat((byte)0x77, 16).ToArray();
        TestHost second = board.Connect(otherHost);

        TestFrame reply = second.Hello(1);

        Assert.Equal((true, Errno.EAGAIN, RefusalReason.NoSessionSlot), (reply.IsError, reply.A, reply.Reason));
        Assert.Equal(1, board.Link.SessionCount);
        Assert.Empty(first.Fence());
    }

    [Fact]
    public void Serve_EveryStreamSlotCarriesASession_RefusesAndClosesTheStream()
    {
        var config = BoardLinkConfig.Esp32();
        config.Streams = 1;
        using var board = new BoardHarness(config);
        TestHost first = board.Connect();
        first.Open();
        var second = new TestStream();

        bool served = board.Link.Serve(second);

        Assert.False(served);
        Assert.Equal(1, board.Link.Counters.Get(LinkCounter.StreamsRefused));
        Assert.Equal(-1, second.Read(new byte[1], 0, 1, 0)); // a refused connection is closed (issue 13 finding 2)
        Assert.Equal(0, board.Link.Counters.Get(LinkCounter.StreamsEvicted));
    }

    [Fact]
    public void Serve_EveryStreamSlotBusyWithoutASession_EvictsTheOldestUnauthenticatedStream()
    {
        var config = BoardLinkConfig.Esp32();
        config.Streams = 1;
        using var board = new BoardHarness(config);
        TestHost first = board.Connect();
        first.Hello(1);
        board.Clock.Advance(config.EvictionGraceMs);

        TestHost second = board.Connect();
        TestFrame reply = second.Hello(1);

        Assert.False(reply.IsError, reply.ToString());
        Assert.Equal(1, board.Link.Counters.Get(LinkCounter.StreamsEvicted));
        Assert.Equal(-1, first.Stream.Read(new byte[1], 0, 1, 0));
    }

    [Fact]
    public void Serve_TheOnlyUnauthenticatedStreamStillInItsGrace_RefusesTheNewcomerAtOnce()
    {
        // link.md §10: a connection keeps its place for EvictionGraceMs, time to authenticate, whoever arrives.
        var config = BoardLinkConfig.Esp32();
        config.Streams = 1;
        using var board = new BoardHarness(config);
        TestHost first = board.Connect();
        first.Hello(1);
        board.Clock.Advance(config.EvictionGraceMs - 1);
        var second = new TestStream();

        bool served = board.Link.Serve(second);

        Assert.False(served);
        Assert.Equal(0, board.Link.Counters.Get(LinkCounter.StreamsEvicted));
        Assert.Equal(-1, second.Read(new byte[1], 0, 1, 0));
        Assert.False(first.Open().IsError);
    }
}
