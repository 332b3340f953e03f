using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Host.Link;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;
using Gateway.Transports.Desktop.InMemory;

namespace Gateway.Host.Tests.Link;

/// <summary>The host link client against the real board engine over an in-memory pipe.</summary>
public sealed class LinkClientTests
{
    [Fact]
    public async Task Connect_DevelopmentKey_ReportsTheBoardAndItsGrants()
    {
        var config = BoardLinkConfig.Emulated();
        config.BoardName = "bench";
        using var board = new TestBoard(config);
        InMemoryPipe pipe = board.Pipe();

        await using LinkClient client = await LinkClient.ConnectAsync(pipe.Host, TestOptions.Fast() with { Window = 4 });

        Assert.Equal(("bench", "emulated"), (client.Board.Name, client.Board.Model));
        Assert.Equal(board.BootId, client.Board.BootId);
        Assert.Equal((LinkLimits.DesktopBody, 4, LinkFeatures.Events), (client.Board.MaxBody, client.Board.Window, client.Board.Features));
        Assert.Equal(TimeSpan.FromSeconds(10), client.Board.SessionTimeout);
        Assert.Equal(0, client.Board.SessionSlot);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Connect_DevelopmentKeyToAnEmulatedBoard_ConnectsAndSeesTheKind()
    {
        using var board = new TestBoard(BoardLinkConfig.Emulated());

        await using LinkClient client = await LinkClient.ConnectAsync(board.Pipe().Host, TestOptions.Fast());

        Assert.True(client.Board.IsEmulated);
        Assert.Equal(BoardKind.Emulated, client.Board.Kind);
    }

    [Fact]
    public async Task Connect_DevelopmentKeyToAHardwareBoard_RefusedBeforeAuthWithOneClearReason()
    {
        // Issue 12 item 3 (link.md §6): even a board that holds the development key is refused unless it announces
        // itself as emulated; the host stops at HELLO_REPLY and never sends its proof.
        var config = BoardLinkConfig.Esp32();
        config.BoardName = "esp32-devkitc";
        config.BoardModel = "ESP32-DevKitC";
        using var board = new TestBoard(config);

        var e = await Assert.ThrowsAsync<LinkDevelopmentKeyException>(() => LinkClient.ConnectAsync(board.Pipe().Host, TestOptions.Fast()));

        Assert.Equal("the development key is only for emulated boards, and 'esp32-devkitc' (ESP32-DevKitC) announces itself as a hardware board", e.Message);
        Assert.Equal(BoardKind.Hardware, e.Board.Kind);
        Assert.Equal(0, board.Link.Counters.Get(LinkCounter.SessionsOpened));
    }

    [Fact]
    public async Task Connect_OwnKeyToAHardwareBoard_Connects()
    {
        byte[] key = Encoding.ASCII.GetBytes("a-real-boards-own-key-0123456789");
        using var board = new TestBoard(BoardLinkConfig.Esp32(), key: key);

        await using LinkClient client = await LinkClient.ConnectAsync(board.Pipe().Host, TestOptions.Fast(key) with { MaxBody = LinkLimits.MinBody });

        Assert.False(client.Board.IsEmulated);
    }

    [Fact]
    public async Task Connect_WrongKey_ThrowsAuthenticationException()
    {
        using var board = new TestBoard();
        InMemoryPipe pipe = board.Pipe();
        byte[] wrong = Encoding.ASCII.GetBytes("some-other-board-key-00000000000");

        var e = await Assert.ThrowsAsync<LinkAuthenticationException>(() => LinkClient.ConnectAsync(pipe.Host, TestOptions.Fast(wrong)));

        Assert.Contains("wrong key", e.Message);
        Assert.DoesNotContain("some-other-board-key", e.Message);
        Assert.Equal(0, board.Link.SessionCount);
    }

    [Fact]
    public async Task Connect_BootIdChanged_ThrowsBoardResetAndTheSameStreamConnectsAfterwards()
    {
        using var board = new TestBoard();
        InMemoryPipe pipe = board.Pipe();
        byte[] before = Enumerable.Repeat((byte)0x11, 16).ToArray();

        var reset = await Assert.ThrowsAsync<BoardResetException>(() => LinkClient.ConnectAsync(pipe.Host, TestOptions.Fast() with { ExpectedBootId = before, LeaveOpen = true }));
        await using LinkClient client = await LinkClient.ConnectAsync(pipe.Host, TestOptions.Fast());

        Assert.Equal(before, reset.ExpectedBootId);
        Assert.Equal(board.BootId, reset.Board!.BootId);
        Assert.Contains("restarted", reset.Message);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Connect_SameBootIdExpected_Connects()
    {
        using var board = new TestBoard();
        InMemoryPipe pipe = board.Pipe();

        await using LinkClient client = await LinkClient.ConnectAsync(pipe.Host, TestOptions.Fast() with { ExpectedBootId = board.BootId });

        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Connect_EverySlotTaken_ThrowsRefusedNoSessionSlot()
    {
        var config = BoardLinkConfig.Esp32();
        config.Streams = 2;
        config.Kind = BoardKind.Emulated; // ESP32-sized tables on an emulated board: the development key needs one
        using var board = new TestBoard(config);
        await using LinkClient first = await LinkClient.ConnectAsync(board.Pipe().Host, TestOptions.Fast(hostId: HostIds.FromName("a")) with { MaxBody = LinkLimits.MinBody });

        var e = await Assert.ThrowsAsync<LinkRefusedException>(() => LinkClient.ConnectAsync(board.Pipe().Host, TestOptions.Fast(hostId: HostIds.FromName("b"))));

        Assert.Equal((RefusalReason.NoSessionSlot, Errno.EAGAIN), (e.Reason, e.Errno));
    }

    [Fact]
    public async Task DeclareThenSend_ReturnsTheHandlersReply()
    {
        using var board = new TestBoard();
        await using LinkClient client = await LinkClient.ConnectAsync(board.Pipe().Host, TestOptions.Fast());

        BoardReply declared = await client.DeclareAsync(1, TestOptions.Cred());
        BoardReply reply = await client.SendAsync(1, 3, new byte[] { 0x16, 0x01, 0x10, 0x00 });
        BoardReply undeclared = await client.SendAsync(2, 3, new byte[] { 0x01 });

        Assert.Equal((false, 0), (declared.IsError, declared.Errno));
        Assert.Equal((false, 1), (reply.IsError, reply.Status));
        Assert.Equal(new byte[] { 0x16, 0x01, 0x10, 0x00 }, reply.Body.ToArray());
        Assert.Equal((true, Errno.EPERM, RefusalReason.UndeclaredPid), (undeclared.IsError, undeclared.Errno, undeclared.Reason));
    }

    [Fact]
    public async Task Send_ManyConcurrently_AllAnsweredInOrderOfExecution()
    {
        using var board = new TestBoard();
        await using LinkClient client = await LinkClient.ConnectAsync(board.Pipe().Host, TestOptions.Fast());
        await client.DeclareAsync(1, TestOptions.Cred());

        BoardReply[] replies = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => client.SendAsync(1, 3, BitConverter.GetBytes(i))));

        Assert.All(replies.Select((r, i) => (r, i)), x => Assert.Equal(x.i, BitConverter.ToInt32(x.r.Body.AsSpan())));
        Assert.All(replies, r => Assert.Equal(1, r.Status));
        Assert.Equal(200, board.Link.Counters.RequestsApplied);
        Assert.Equal(0, board.Link.Counters.Get(LinkCounter.DropOutOfWindow));
    }

    [Fact]
    public async Task Send_MessageLargerThanTheFrame_Throws()
    {
        var config = BoardLinkConfig.Esp32();
        config.Kind = BoardKind.Emulated; // ESP32-sized tables on an emulated board: the development key needs one
        using var board = new TestBoard(config);
        await using LinkClient client = await LinkClient.ConnectAsync(board.Pipe().Host, TestOptions.Fast());

        await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync(1, 3, new byte[LinkLimits.MinBody + 1]));
    }

    [Fact]
    public async Task Session_SameHostIdConnectsAgain_OldClientEndsReplacedAndTheBoardEndsItsSession()
    {
        using var board = new TestBoard();
        LinkClient old = await LinkClient.ConnectAsync(board.Pipe().Host, TestOptions.Fast());
        await old.DeclareAsync(1, TestOptions.Cred());

        await using LinkClient restarted = await LinkClient.ConnectAsync(board.Pipe().Host, TestOptions.Fast());
        LinkEndReason reason = await old.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        var late = await Assert.ThrowsAsync<LinkSessionEndedException>(() => old.SendAsync(1, 3, new byte[] { 1 }));
        BoardReply declaredAgain = await restarted.DeclareAsync(1, TestOptions.Cred());

        Assert.Equal(LinkEndReason.Replaced, reason);
        Assert.Equal(LinkEndReason.Replaced, late.EndReason);
        Assert.Equal(new[] { 0 }, board.Handler.Ended);
        Assert.False(declaredAgain.IsError);
        await old.DisposeAsync();
    }

    [Fact]
    public async Task Close_EndsTheSessionOnBothSides()
    {
        using var board = new TestBoard();
        LinkClient client = await LinkClient.ConnectAsync(board.Pipe().Host, TestOptions.Fast());

        await client.CloseAsync();

        Assert.Equal(LinkEndReason.Closed, await client.Completion);
        await Poll.UntilAsync(() => board.Handler.Ended.Count == 1, 10_000, () => $"the board ended {board.Handler.Ended.Count} sessions, not 1");
        await client.DisposeAsync();
    }

    [Fact]
    public async Task Dispose_ClosesTheStreamAndTheBoardEndsTheSession()
    {
        using var board = new TestBoard();
        LinkClient client = await LinkClient.ConnectAsync(board.Pipe().Host, TestOptions.Fast());

        await client.DisposeAsync();

        await Poll.UntilAsync(() => board.Link.SessionCount == 0, 10_000, () => $"the board still holds {board.Link.SessionCount} sessions after the client was disposed");
        Assert.Single(board.Handler.Ended);
    }

    [Fact]
    public async Task Board_Stops_ClientEndsClosedByBoard()
    {
        var board = new TestBoard();
        await using LinkClient client = await LinkClient.ConnectAsync(board.Pipe().Host, TestOptions.Fast());

        board.Dispose();

        Assert.Equal(LinkEndReason.ClosedByBoard, await client.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Events_RaisedOnTheBoard_ReachSubscribersWithCounters()
    {
        using var board = new TestBoard();
        await using LinkClient client = await LinkClient.ConnectAsync(board.Pipe().Host, TestOptions.Fast());
        var seen = new System.Collections.Concurrent.ConcurrentQueue<BoardEvent>();
        using IDisposable subscription = client.Subscribe(seen.Enqueue);
        await client.DeclareAsync(1, TestOptions.Cred());

        board.Link.Raise(7, 1, 0x10);
        board.Link.Raise(7, 1, 0x20);

        await Poll.UntilAsync(() => seen.Count == 2, 10_000, () => $"the subscriber saw {seen.Count} of the 2 events raised");
        Assert.Equal(new[] { new BoardEvent(7, 1, 0x10, 1, 0), new BoardEvent(7, 1, 0x20, 2, 0) }, seen.ToArray());
    }
}
