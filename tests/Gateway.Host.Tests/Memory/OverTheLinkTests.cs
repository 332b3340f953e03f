using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Gateway.Board.Emulated;
using Gateway.Board.Emulated.Simulator;
using Gateway.Devices.Registers;
using Gateway.Host.Board;
using Gateway.Host.Link;
using Gateway.Host.Memory;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Host.Tests.Memory;

/// <summary>The memory manager against the emulated board over the real link (in-memory transport): frames, auth, all of it.</summary>
public sealed class OverTheLinkTests
{
    private static async Task<(EmulatedBoard Board, LinkClient Client, MemoryManager Mm, ClientProcess Root)> ConnectAsync(bool quirks = false)
    {
        var board = new EmulatedBoard(new EmulatedBoardOptions { Quirks = quirks, Clock = new SimulatedClock() });
        var client = await LinkClient.ConnectAsync(board.ConnectInMemory(), new LinkClientOptions { Key = DevelopmentKey.Create() });
        var mm = new MemoryManager(new LinkChannel(client));
        await mm.StartAsync();
        var root = await mm.SpawnAsync(2, Cred(0, 0));
        return (board, client, mm, root);
    }

    [Fact]
    public async Task MapGpioBank_StoreAndLoadRegistersThroughTheLink_LoopbackWireSeen()
    {
        var (board, client, _, root) = await ConnectAsync();
        using var _b = board;
        await using var _c = client;
        var fd = await root.OpenAsync("dev/gpio/bank0", OpenFlags.ReadWrite);
        Assert.True(fd.Ok, fd.ToString());
        var m = await root.MmapAsync(0, 4096, Prot.Read | Prot.Write | Prot.NoCache, MapFlags.Shared, (int)fd.Value, 0);
        Assert.True(m.Ok, m.ToString());
        Assert.Equal(184, m.ReplyBytes!.Length);
        Assert.True((await root.StoreAsync(m.Address + GpioBankRegion.Direction, 4, 1u << 4)).Ok);
        Assert.True((await root.StoreAsync(m.Address + GpioBankRegion.Set, 4, 1u << 4)).Ok);
        var input = await root.LoadAsync(m.Address + GpioBankRegion.Input, 4);
        Assert.NotEqual(0ul, input.Value & (1u << 5));
        Assert.Equal(0, board.Link.Counters.Get(LinkCounter.DuplicatesAnswered));
    }

    [Fact]
    public async Task PageInOfAWholeFile_BytesMatchTheBoard()
    {
        var (board, client, _, root) = await ConnectAsync();
        using var _b = board;
        await using var _c = client;
        var fd = (int)(await root.OpenAsync("fw/bin/blink", OpenFlags.ReadOnly)).Value;
        var m = await root.MmapAsync(0, 6144, Prot.Read | Prot.Exec, MapFlags.Private, fd, 0);
        Assert.True(m.Ok, m.ToString());
        var bytes = await root.LoadBytesAsync(m.Address, 6144);
        Assert.Equal(Gateway.Devices.Boards.FirmwareImages.Blink(), bytes.Bytes); // produced on read: the image, byte for byte
    }

    [Fact]
    public async Task Events_GpioEdgesReachTheSubscriber()
    {
        var (board, client, _, root) = await ConnectAsync();
        using var _b = board;
        await using var _c = client;
        var got = new TaskCompletionSource<BoardEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sub = client.Subscribe(e => got.TrySetResult(e));
        var fd = (int)(await root.OpenAsync("dev/gpio/bank0", OpenFlags.ReadWrite)).Value;
        var m = await root.MmapAsync(0, 4096, Prot.Read | Prot.Write, MapFlags.Shared, fd, 0);
        await root.StoreAsync(m.Address + GpioBankRegion.Direction, 4, 1u << 4);
        await root.StoreAsync(m.Address + GpioBankRegion.RiseEnable, 4, 1u << 5);
        await root.StoreAsync(m.Address + GpioBankRegion.Set, 4, 1u << 4);
        var e = await got.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((1, 1, 1 << 5), (e.Source, e.Code, e.Value));
    }

    [Fact]
    public async Task FwStatus_ReportsLinkCountersAndEvents()
    {
        var (board, client, _, root) = await ConnectAsync();
        using var _b = board;
        await using var _c = client;
        var fd = (int)(await root.OpenAsync("fw/status", OpenFlags.ReadOnly)).Value;
        var (r, data) = await root.ReadAsync(fd, 60000);
        Assert.True(r.Ok, r.ToString());
        using var doc = JsonDocument.Parse(data);
        var link = doc.RootElement.GetProperty("link");
        Assert.True(link.GetProperty("requests-applied").GetInt32() >= 1);
        Assert.Equal(Convert.ToHexString(board.BootId).ToLowerInvariant(), link.GetProperty("boot_id").GetString());
        Assert.Equal(JsonValueKind.Array, doc.RootElement.GetProperty("events").ValueKind);
    }
}
