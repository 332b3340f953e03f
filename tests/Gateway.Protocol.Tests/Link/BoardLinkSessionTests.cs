using System.Linq;
using System.Threading;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;

namespace Gateway.Protocol.Tests.Link;

public sealed class BoardLinkSessionTests
{
    [Fact]
    public void Session_SameHostIdAuthenticatesElsewhere_OldSessionEndsWithEndSession()
    {
        using var board = new BoardHarness();
        TestHost old = board.Connect();
        int oldSlot = old.Open().A;
        Assert.False(old.Declare(1, 1).IsError);

        TestHost restarted = board.Connect(old.HostId);
        TestFrame auth = restarted.Open();
        TestFrame close = old.NextOf(FrameKind.Close);
        TestFrame oldRequest = old.Exchange(TestHost.Request(2, 1, 3, 0x01));
        TestFrame declareAgain = restarted.Declare(1, 1);

        Assert.True(board.Handler.WaitEnded(1));
        Assert.Equal(new[] { oldSlot }, board.Handler.Ended);
        Assert.Equal((FrameKind.Close, RefusalReason.SessionReplaced), (close.Kind, close.Reason));
        Assert.Equal((true, RefusalReason.NotAuthenticated), (oldRequest.IsError, oldRequest.Reason));
        Assert.False(declareAgain.IsError, "the new session starts with no processes");
        Assert.False(auth.IsError);
        Assert.Equal(1, board.Link.SessionCount);
    }

    [Fact]
    public void Session_DifferentHostIds_LiveSideBySide()
    {
        using var board = new BoardHarness();
        TestHost a = board.Connect();
        TestHost b = board.Connect(Enumerable.Repeat((byte)0x99, 16).ToArray());

        int slotA = a.Open().A;
        int slotB = b.Open().A;

        Assert.NotEqual(slotA, slotB);
        Assert.Equal(2, board.Link.SessionCount);
        Assert.Empty(board.Handler.Ended);
    }

    [Fact]
    public void Session_NewHandshakeOnTheSameStream_EndsTheSessionItCarriedOnceAuthenticated()
    {
        using var board = new BoardHarness();
        TestHost host = board.Connect();
        int slot = host.Open().A;

        TestFrame reply = host.Hello(2);
        Assert.False(reply.IsError);
        Assert.Equal(1, board.Link.SessionCount); // a HELLO alone ends nothing (shared tty)
        TestFrame auth = host.Auth(2, host.Proof(reply, BoardHarness.Key));

        Assert.False(auth.IsError, auth.ToString());
        Assert.True(board.Handler.WaitEnded(1));
        Assert.Equal(new[] { slot }, board.Handler.Ended);
        Assert.Equal(1, board.Link.SessionCount);
    }

    [Fact]
    public void Session_HelloWithoutTheKeyOnASharedLine_KeepsTheAuthenticatedSession()
    {
        // Issue 13 finding 5: on a shared tty a peer without the key sends HELLO and a wrong AUTH.
        using var board = new BoardHarness();
        TestHost host = board.Connect();
        host.Open();
        Assert.Equal(0, host.Declare(1, 7).A);

        TestFrame reply = host.Hello(2);
        TestFrame auth = host.Auth(2, host.Proof(reply, new byte[32]));

        Assert.True(auth.IsError);
        Assert.Equal(RefusalReason.BadMac, auth.Reason);
        Assert.Empty(board.Handler.Ended);
        Assert.Equal(1, board.Link.SessionCount);
        Assert.Empty(host.Fence()); // the session still answers: PING → PONG
    }

    [Fact]
    public void Session_SilentPastTheTimeout_EndsWithCloseAndEndSession()
    {
        using var board = new BoardHarness();
        TestHost host = board.Connect();
        int slot = host.Open().A;

        board.Clock.Advance(board.Config.SessionTimeoutMs + 1);
        TestFrame close = host.NextOf(FrameKind.Close);

        Assert.True(board.Handler.WaitEnded(1));
        Assert.Equal(new[] { slot }, board.Handler.Ended);
        Assert.Equal((FrameKind.Close, RefusalReason.SessionTimeout), (close.Kind, close.Reason));
        Assert.Equal(1, board.Link.Counters.Get(LinkCounter.SessionTimeouts));
    }

    [Fact]
    public void Session_PingedWithinTheTimeout_Stays()
    {
        // The fake clock jumps half a session timeout at once; the writer may still be marking its last frame sent, so
        // the stall deadline is set past the jump: this test is about the session timeout, not a stalled peer.
        BoardLinkConfig config = BoardLinkConfig.Emulated();
        config.OutputStallMs = config.SessionTimeoutMs;
        using var board = new BoardHarness(config);
        TestHost host = board.Connect();
        host.Open();

        for (int i = 0; i < 5; i++)
        {
            board.Clock.Advance(board.Config.SessionTimeoutMs / 2);
            Assert.Empty(host.Fence());
        }

        Assert.Equal(1, board.Link.SessionCount);
        Assert.Empty(board.Handler.Ended);
        Assert.True(board.Link.Counters.Get(LinkCounter.PingsAnswered) >= 5);
    }

    [Fact]
    public void Session_CloseFromHost_IsAcknowledgedAndEnds()
    {
        using var board = new BoardHarness();
        TestHost host = board.Connect();
        int slot = host.Open().A;

        TestFrame ack = host.Exchange(Wire.Frame(FrameKind.Close, 12));

        Assert.Equal((FrameKind.Close, 12u, RefusalReason.ClosedByHost), (ack.Kind, ack.Seq, ack.Reason));
        Assert.True(board.Handler.WaitEnded(1));
        Assert.Equal(new[] { slot }, board.Handler.Ended);
    }

    [Fact]
    public void Session_StreamCloses_EndsWithEndSession()
    {
        using var board = new BoardHarness();
        TestHost host = board.Connect();
        int slot = host.Open().A;

        host.Stream.Close();

        Assert.True(board.Handler.WaitEnded(1));
        Assert.Equal(new[] { slot }, board.Handler.Ended);
        Assert.Equal(1, board.Link.Counters.SessionsEnded);
    }

    [Fact]
    public void Session_BoardStops_SendsCloseShutdown()
    {
        var board = new BoardHarness();
        TestHost host = board.Connect();
        host.Open();

        board.Dispose();
        TestFrame close = host.NextOf(FrameKind.Close);

        Assert.Equal(RefusalReason.Shutdown, close.Reason);
        Assert.Single(board.Handler.Ended);
    }

    [Fact]
    public void Session_Ended_SlotIsReusedWithFreshSequenceNumbers()
    {
        using var board = new BoardHarness(BoardLinkConfig.Esp32());
        TestHost first = board.Connect();
        first.Open(window: 2);
        first.Declare(1, 1);
        first.Exchange(TestHost.Request(2, 1, 3, 0x01));
        first.Stream.Close();
        Assert.True(board.Handler.WaitEnded(1));

        TestHost second = board.Connect();
        second.Open(window: 2);
        TestFrame declare = second.Declare(1, 1);
        TestFrame request = second.Exchange(TestHost.Request(2, 1, 3, 0x02));

        Assert.Equal((1u, false), (declare.Seq, declare.IsError));
        Assert.Equal((2u, false, 1), (request.Seq, request.IsError, request.A));
        Assert.Equal(new[] { "01", "02" }, board.Handler.Order);
    }
}
