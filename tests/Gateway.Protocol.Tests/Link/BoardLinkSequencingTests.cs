using System.Linq;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;

namespace Gateway.Protocol.Tests.Link;

public sealed class BoardLinkSequencingTests
{
    private static (BoardHarness Board, TestHost Host) OpenWithPid1(BoardLinkConfig? config = null, int window = 8)
    {
        var board = new BoardHarness(config);
        TestHost host = board.Connect();
        host.Open(window);
        TestFrame declared = host.Declare(1, 1);
        Assert.False(declared.IsError, declared.ToString());
        return (board, host);
    }

    [Fact]
    public void Declare_ThenRequest_ExecutesOnceWithTheDeclaredIdentity()
    {
        var (board, host) = OpenWithPid1();
        using (board)
        {
            TestFrame declare32 = host.Declare(2, 7, is64: false, euid: 42);
            TestFrame reply = host.Exchange(TestHost.Request(3, 7, 3, 0x16, 0x01, 0x10, 0x00));

            Assert.Equal((FrameKind.Reply, 2u, false, 0), (declare32.Kind, declare32.Seq, declare32.IsError, declare32.A));
            Assert.Equal((FrameKind.Reply, 3u, false, 1, 0), (reply.Kind, reply.Seq, reply.IsError, reply.A, reply.B));
            Assert.Equal(Hex.Parse("16 01 10 00"), reply.Body);
            Assert.Contains((0, 7, false, 42), board.Handler.Declared);
            Assert.Contains((0, 1, true, 100), board.Handler.Declared);
            Assert.Equal(1, board.Link.Counters.RequestsApplied);
            Assert.Equal(2, board.Link.Counters.DeclaresApplied);
        }
    }

    [Fact]
    public void Request_CutShortThenSilence_ExpiresAndTheFrameItSwallowedIsAnswered()
    {
        var (board, host) = OpenWithPid1();
        using (board)
        {
            // A request frame loses its tail on the line; a request sent after it is swallowed as the cut frame's
            // missing bytes. After two silent read polls the board drops the cut frame (drop-truncated) and finds
            // the swallowed request inside what it held.
            byte[] cut = TestHost.Request(2, 1, 3, new byte[1000]).Take(100).ToArray();
            host.Send(cut.Concat(TestHost.Request(2, 1, 3, 0x16, 0x01, 0x10, 0x00)).ToArray());

            TestFrame reply = host.Next();

            Assert.Equal((FrameKind.Reply, 2u, false), (reply.Kind, reply.Seq, reply.IsError));
            Assert.Equal(1, board.Link.Counters.Get(LinkCounter.DropTruncated));
            Assert.Equal(1, board.Link.Counters.RequestsApplied);
        }
    }

    [Fact]
    public void Declare_SamePidTwice_AnswersEbusy()
    {
        var (board, host) = OpenWithPid1();
        using (board)
        {
            TestFrame again = host.Declare(2, 1);

            Assert.Equal((true, Errno.EBUSY, RefusalReason.None), (again.IsError, again.A, again.Reason));
            Assert.Single(board.Handler.Declared);
        }
    }

    [Fact]
    public void Declare_HandlerRefuses_AnswersItsErrnoAndThePidStaysUndeclared()
    {
        using var board = new BoardHarness();
        TestHost host = board.Connect();
        host.Open();
        board.Handler.DeclareAnswer = Errno.ENOMEM;

        TestFrame declare = host.Declare(1, 5);
        TestFrame request = host.Exchange(TestHost.Request(2, 5, 3, 0x01));

        Assert.Equal((true, Errno.ENOMEM), (declare.IsError, declare.A));
        Assert.Equal((true, Errno.EPERM, RefusalReason.UndeclaredPid), (request.IsError, request.A, request.Reason));
    }

    [Fact]
    public void Declare_MalformedCredentials_AnswersEinvalBadDeclare()
    {
        using var board = new BoardHarness();
        TestHost host = board.Connect();
        host.Open();
        byte[] cred = TestHost.Cred();
        cred[24] = 9; // ngroups 9 > 8

        TestFrame declare = host.Exchange(Wire.Frame(FrameKind.Declare, 1, 5, (int)ProcessFlags.Bits64, cred));

        Assert.Equal((true, Errno.EINVAL, RefusalReason.BadDeclare), (declare.IsError, declare.A, declare.Reason));
        Assert.Empty(board.Handler.Declared);
    }

    [Fact]
    public void Request_FromUndeclaredPid_IsRefusedEpermAndNeverExecuted()
    {
        var (board, host) = OpenWithPid1();
        using (board)
        {
            TestFrame reply = host.Exchange(TestHost.Request(2, 99, 3, 0x01));

            Assert.Equal((FrameKind.Reply, 2u, true, Errno.EPERM, RefusalReason.UndeclaredPid), (reply.Kind, reply.Seq, reply.IsError, reply.A, reply.Reason));
            Assert.Equal(0, board.Handler.TotalExecutions);
        }
    }

    [Fact]
    public void Request_Retransmitted_IsExecutedOnceAndAnsweredFromTheCache()
    {
        var (board, host) = OpenWithPid1();
        using (board)
        {
            byte[] request = TestHost.Request(2, 1, 3, 0xAB);

            TestFrame first = host.Exchange(request);
            TestFrame second = host.Exchange(request);
            TestFrame third = host.Exchange(request);

            Assert.Equal(first, second with { Body = first.Body });
            Assert.Equal(first.Body, second.Body);
            Assert.Equal(first.Body, third.Body);
            Assert.Equal(1, first.A);
            Assert.Equal(1, board.Handler.ExecutionsOf(0, 1, 3, new byte[] { 0xAB }));
            Assert.Equal(2, board.Link.Counters.DuplicatesAnswered);
        }
    }

    [Fact]
    public void Requests_ArrivingOutOfOrder_ExecuteInSequenceOrder()
    {
        var (board, host) = OpenWithPid1();
        using (board)
        {
            host.Send(TestHost.Request(5, 1, 3, 0x05));
            host.Send(TestHost.Request(3, 1, 3, 0x03));
            host.Send(TestHost.Request(4, 1, 3, 0x04));
            var early = host.Fence();
            host.Send(TestHost.Request(2, 1, 3, 0x02));
            var replies = Enumerable.Range(0, 4).Select(_ => host.NextOf(FrameKind.Reply)).ToList();

            Assert.Empty(early);
            Assert.Equal(new[] { "02", "03", "04", "05" }, board.Handler.Order);
            Assert.Equal(new uint[] { 2, 3, 4, 5 }, replies.Select(r => r.Seq));
            Assert.All(replies, r => Assert.Equal(r.Seq, (uint)r.Body[0]));
            Assert.Equal(3, board.Link.Counters.Get(LinkCounter.HeldEarly));
        }
    }

    [Fact]
    public void Request_HeldAlready_DuplicateIsDroppedAndCounted()
    {
        var (board, host) = OpenWithPid1();
        using (board)
        {
            host.Send(TestHost.Request(3, 1, 3, 0x03));
            host.Send(TestHost.Request(3, 1, 3, 0x03));
            var silent = host.Fence();
            host.Send(TestHost.Request(2, 1, 3, 0x02));
            TestFrame r2 = host.NextOf(FrameKind.Reply);
            TestFrame r3 = host.NextOf(FrameKind.Reply);

            Assert.Empty(silent);
            Assert.Equal((2u, 3u), (r2.Seq, r3.Seq));
            Assert.Equal(1, board.Link.Counters.Get(LinkCounter.DropDuplicateHeld));
            Assert.Equal(1, board.Handler.ExecutionsOf(0, 1, 3, new byte[] { 0x03 }));
        }
    }

    [Fact]
    public void Request_AtOrBeyondTheWindow_IsDroppedAndCounted()
    {
        var (board, host) = OpenWithPid1(SmallWindow2(), window: 2);
        using (board)
        {
            // Next is 2 and the window is 2: 3 may be held, 4 may not.
            host.Send(TestHost.Request(4, 1, 3, 0x04));
            var silent = host.Fence();
            TestFrame r2 = host.Exchange(TestHost.Request(2, 1, 3, 0x02));

            Assert.Empty(silent);
            Assert.Equal(2u, r2.Seq);
            Assert.Empty(host.Fence());
            Assert.Equal(1, board.Link.Counters.Get(LinkCounter.DropOutOfWindow));
            Assert.DoesNotContain("04", board.Handler.Order);
        }
    }

    [Fact]
    public void Request_AheadOnAWindowOfOne_IsDroppedAndTheNextInOrderRuns()
    {
        // The ESP32's stop-and-wait link holds no early arrival: 3 before 2 is out of the window.
        var (board, host) = OpenWithPid1(BoardLinkConfig.Esp32(), window: 1);
        using (board)
        {
            host.Send(TestHost.Request(3, 1, 3, 0x03));
            var silent = host.Fence();
            TestFrame r2 = host.Exchange(TestHost.Request(2, 1, 3, 0x02));
            TestFrame again = host.Exchange(TestHost.Request(2, 1, 3, 0x02));

            Assert.Empty(silent);
            Assert.Equal((2u, 2u), (r2.Seq, again.Seq));
            Assert.Equal(1, board.Link.Counters.Get(LinkCounter.DropOutOfWindow));
            Assert.Equal(1, board.Link.Counters.Get(LinkCounter.DuplicatesAnswered));
            Assert.Equal(1, board.Handler.TotalExecutions);
        }
    }

    /// <summary>The ESP32's sizes with a window of 2: one early arrival held, two replies cached.</summary>
    private static BoardLinkConfig SmallWindow2()
    {
        BoardLinkConfig config = BoardLinkConfig.Esp32();
        config.Window = 2;
        return config;
    }

    [Fact]
    public void Request_OlderThanTheWindow_IsDroppedAsStale()
    {
        var (board, host) = OpenWithPid1(SmallWindow2(), window: 2);
        using (board)
        {
            for (uint seq = 2; seq <= 5; seq++)
            {
                host.Exchange(TestHost.Request(seq, 1, 3, (byte)seq));
            }

            // 4 and 5 are still cached (window 2); 2 and 3 are gone.
            TestFrame cached = host.Exchange(TestHost.Request(4, 1, 3, 0x04));
            host.Send(TestHost.Request(2, 1, 3, 0x02));
            var silent = host.Fence();

            Assert.Equal((4u, 1), (cached.Seq, cached.A));
            Assert.Empty(silent);
            Assert.Equal(1, board.Link.Counters.Get(LinkCounter.DropStale));
            Assert.Equal(4, board.Handler.TotalExecutions);
        }
    }

    [Fact]
    public void Request_OversizeForTheNegotiatedBody_IsDroppedByTheDecoder()
    {
        var (board, host) = OpenWithPid1(SmallWindow2(), window: 2);
        using (board)
        {
            host.Send(TestHost.Request(2, 1, 3, new byte[LinkLimits.MinBody + 1]));
            var silent = host.Fence();
            TestFrame fits = host.Exchange(TestHost.Request(2, 1, 3, new byte[LinkLimits.MinBody]));

            Assert.Empty(silent);
            Assert.Equal(1, board.Link.Counters.Get(LinkCounter.DropOversize));
            Assert.Equal((false, LinkLimits.MinBody), (fits.IsError, fits.Body.Length));
        }
    }

    [Fact]
    public void Request_HandlerThrows_AnswersEioOnceAndKeepsServing()
    {
        var (board, host) = OpenWithPid1();
        using (board)
        {
            board.Handler.OnHandle = (_, _, _, msg) =>
            {
                if (msg[0] == 0xEE)
                {
                    throw new System.InvalidOperationException("boom");
                }
            };

            TestFrame fault = host.Exchange(TestHost.Request(2, 1, 3, 0xEE));
            TestFrame retry = host.Exchange(TestHost.Request(2, 1, 3, 0xEE));
            TestFrame next = host.Exchange(TestHost.Request(3, 1, 3, 0x01));

            Assert.Equal((true, Errno.EIO, RefusalReason.HandlerFault), (fault.IsError, fault.A, fault.Reason));
            Assert.Equal(fault.Reason, retry.Reason);
            Assert.False(next.IsError);
            Assert.Equal(1, board.Link.Counters.Get(LinkCounter.HandlerFaults));
        }
    }

    [Fact]
    public void UnknownKind_AfterAuthentication_IsAnsweredUnsupported()
    {
        var (board, host) = OpenWithPid1();
        using (board)
        {
            TestFrame reply = host.Exchange(Wire.Frame((FrameKind)0x42, 77));

            Assert.Equal((FrameKind.Reply, 77u, true, Errno.ENOSYS, RefusalReason.UnsupportedKind), (reply.Kind, reply.Seq, reply.IsError, reply.A, reply.Reason));
        }
    }

    [Theory]
    [InlineData(FrameKind.Reply)]
    [InlineData(FrameKind.Event)]
    [InlineData(FrameKind.Pong)]
    [InlineData(FrameKind.HelloReply)]
    public void BoardToHostKind_ArrivingAtTheBoard_IsDroppedNotAnswered(FrameKind kind)
    {
        var (board, host) = OpenWithPid1();
        using (board)
        {
            host.Send(Wire.Frame(kind, 9));
            var silent = host.Fence();

            Assert.Empty(silent);
            Assert.Equal(1, board.Link.Counters.Get(LinkCounter.DropUnexpected));
        }
    }
}
