using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Board.Emulated.Simulator;
using Gateway.Devices.Boards;
using Gateway.Devices.Registers;
using Gateway.Host.Board;
using Gateway.Host.Link;
using Gateway.Host.Memory;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;
using Gateway.Transports.Desktop.InMemory;
using Gateway.Protocol.Desktop.Platform;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Board.Tests.Esp32;

/// <summary>
/// The ESP32 app's composition (firmware/Gateway.Board.Esp32/Program.cs: <see cref="BoardDefinition.Esp32"/>,
/// <see cref="BoardLinkConfig.Esp32"/>, the same wiring of link, events and /fw/status) over the simulator HAL,
/// driven by the host: the shared board code works within the ESP32's limits (one session, window 1, frames of one
/// page plus headers, 16 OCBs, a 32-bit board, its status snapshot) before it ever reaches a chip.
/// </summary>
public sealed class Esp32SizedBoardTests : IDisposable
{
    private static readonly byte[] Key = Encoding.ASCII.GetBytes("esp32-sized-board-test-key-01234");

    private readonly SimulatedGpioBank bank0;
    private readonly Devices.Boards.Board board;
    private readonly BoardLink link;
    private readonly InMemoryPipe pipe = new();
    private readonly Thread serving;

    public Esp32SizedBoardTests()
    {
        var clock = new SystemClock();
        var wiring = new GpioWiring();
        bank0 = new SimulatedGpioBank("bank0", 8, wiring);
        wiring.Connect(bank0, 4, bank0, 5);
        var spi0 = new SimulatedSpiBus(2);
        spi0.Attach(0, new Eeprom25LC256(clock, writeTimeMs: 0));

        // As Program.Definition and Program.Main do on the chip.
        BoardDefinition d = BoardDefinition.Esp32();
        d.Name = "esp32-devkitc";
        d.Model = "ESP32-DevKitC (ESP32-WROOM-32)";
        d.Banks = new[] { new GpioBankDefinition("bank0", bank0, 0xFE200000) };
        d.Spi = spi0;
        d.SpiDevices = new[] { SpiDeviceDeclaration.Eeprom25LC256(0) };
        d.Wiring = new[] { new WireDeclaration("bank0", 4, "bank0", 5) };
        var log = new ConsoleLog(writer: TextWriter.Null);
        board = BoardNamespace.Build(d, clock, log);
        BoardLinkConfig config = BoardLinkConfig.Esp32();
        config.BoardName = d.Name;
        config.BoardModel = d.Model;
        config.Threads = BackgroundThreads.Instance;
        link = new BoardLink(config, board.Rm, new BclHmac(Key), clock, log, BootIds.Create());
        board.Events.Target = link;
        board.Status.AddSource(new LinkStatusSource(link));
        board.Status.AddSource(new EventStatusSource(link));
        serving = new Thread(() => link.Serve(pipe.Board)) { IsBackground = true };
        serving.Start();
    }

    public void Dispose()
    {
        link.Stop();
        serving.Join();
        pipe.Close();
    }

    private async Task<(LinkClient Client, ClientProcess Root)> ConnectAsync()
    {
        var client = await LinkClient.ConnectAsync(pipe.Host, new LinkClientOptions { Key = Key });
        var mm = new MemoryManager(new LinkChannel(client));
        await mm.StartAsync();
        return (client, await mm.SpawnAsync(2, Cred(0, 0), is64Bit: false));
    }

    [Fact]
    public async Task Handshake_Esp32Link_GrantsOnePagePlusHeadersAndWindow1()
    {
        await using var client = (await ConnectAsync()).Client;

        Assert.Equal(4096 + 256, client.Board.MaxBody);
        Assert.Equal(1, client.Board.Window);
        Assert.Equal("esp32-devkitc", client.Board.Name);
    }

    [Fact]
    public async Task FwInfo_Esp32Sizes_SaysA32BitBoardWith16Ocbs()
    {
        var (client, root) = await ConnectAsync();
        await using var connection = client;

        var fd = await root.OpenAsync("fw/info", OpenFlags.ReadOnly);
        var (read, data) = await root.ReadAsync((int)fd.Value, 4096);

        Assert.True(read.Ok, read.ToString());
        using var info = JsonDocument.Parse(data);
        Assert.Equal(32, info.RootElement.GetProperty("bits").GetInt32());
        Assert.Equal("t32_2001", info.RootElement.GetProperty("preferred_stat_form").GetString());
        Assert.Equal(16, info.RootElement.GetProperty("limits").GetProperty("ocbs").GetInt32());
        Assert.Equal(1, info.RootElement.GetProperty("limits").GetProperty("sessions").GetInt32());
    }

    [Fact]
    public async Task FwMap_Esp32Sizes_IsWholeJsonWithTheSmallerObjects()
    {
        var (client, root) = await ConnectAsync();
        await using var connection = client;

        var fd = await root.OpenAsync("fw/map", OpenFlags.ReadOnly);
        var (read, data) = await root.ReadAsync((int)fd.Value, 4096);
        byte[] all = data;
        while (data.Length > 0)
        {
            (_, data) = await root.ReadAsync((int)fd.Value, 4096);
            all = [.. all, .. data];
        }

        Assert.True(read.Ok, read.ToString());
        Assert.Equal(board.Map.ToArray(), all);
        using var map = JsonDocument.Parse(all);
        int scratch = 0, removable = 0;
        foreach (var r in map.RootElement.GetProperty("resources").EnumerateArray())
        {
            string path = r.GetProperty("path").GetString()!;
            scratch = path == "/dev/shmem/scratch" ? r.GetProperty("size").GetInt32() : scratch;
            removable = path == "/dev/removable0" ? r.GetProperty("size").GetInt32() : removable;
        }

        Assert.Equal((4096, 4096), (scratch, removable));
    }

    [Fact]
    public async Task FwStatus_WithFilesOpenAndMapped_FitsTheEsp32Snapshot()
    {
        var (client, root) = await ConnectAsync();
        await using var connection = client;
        var bank = await root.OpenAsync("dev/gpio/bank0", OpenFlags.ReadWrite);
        var mapped = await root.MmapAsync(0, 4096, Prot.Read | Prot.Write | Prot.NoCache, MapFlags.Shared, (int)bank.Value, 0);
        var blink = await root.OpenAsync("fw/bin/blink", OpenFlags.ReadOnly);
        await root.MmapAsync(0, 6144, Prot.Read | Prot.Exec, MapFlags.Private, (int)blink.Value, 0);

        var fd = await root.OpenAsync("fw/status", OpenFlags.ReadOnly);
        var (read, data) = await root.ReadAsync((int)fd.Value, 4096);
        byte[] all = data;
        while (data.Length > 0)
        {
            (_, data) = await root.ReadAsync((int)fd.Value, 4096);
            all = [.. all, .. data];
        }

        Assert.True(mapped.Ok, mapped.ToString());
        Assert.True(read.Ok, read.ToString());
        using var status = JsonDocument.Parse(all);
        Assert.False(status.RootElement.GetProperty("truncated").GetBoolean());
        Assert.True(all.Length <= board.Definition.Rm.StatusSnapshotBytes);
    }

    [Fact]
    public async Task PageIn_BlinkLargerThanAFrame_ArrivesWhole()
    {
        var (client, root) = await ConnectAsync();
        await using var connection = client;
        var fd = await root.OpenAsync("fw/bin/blink", OpenFlags.ReadOnly);
        var m = await root.MmapAsync(0, 6144, Prot.Read | Prot.Exec, MapFlags.Private, (int)fd.Value, 0);

        var bytes = await root.LoadBytesAsync(m.Address, 6144);

        Assert.True(m.Ok, m.ToString());
        Assert.Equal(FirmwareImages.Blink(), bytes.Bytes);
    }

    [Fact]
    public async Task Bank0_TogglePin4_LoopbackWireRaisesPin5()
    {
        var (client, root) = await ConnectAsync();
        await using var connection = client;
        var fd = await root.OpenAsync("dev/gpio/bank0", OpenFlags.ReadWrite);
        var m = await root.MmapAsync(0, 4096, Prot.Read | Prot.Write | Prot.NoCache, MapFlags.Shared, (int)fd.Value, 0);

        await root.StoreAsync(m.Address + GpioBankRegion.Direction, 4, 1u << 4);
        await root.StoreAsync(m.Address + GpioBankRegion.Toggle, 4, 1u << 4);
        var input = await root.LoadAsync(m.Address + GpioBankRegion.Input, 4);

        Assert.True(m.Ok, m.ToString());
        Assert.Equal(0x30ul, input.Value & 0x30);
        Assert.Equal(1u << 4, bank0.Latch & (1u << 4));
    }

    [Fact]
    public async Task Open_BeyondTheSixteenOcbs_IsAnErrnoAndTheBoardGoesOn()
    {
        var (client, root) = await ConnectAsync();
        await using var connection = client;
        int refusedWith = 0;
        int opened = 0;
        long firstFd = -1;
        for (int i = 0; i < 20 && refusedWith == 0; i++)
        {
            var r = await root.OpenAsync("fw/info", OpenFlags.ReadOnly);
            if (r.Ok)
            {
                opened++;
                firstFd = firstFd < 0 ? r.Value : firstFd;
            }
            else
            {
                refusedWith = r.Errno;
            }
        }

        var closed = await root.CloseAsync((int)firstFd);
        var after = await root.OpenAsync("fw/info", OpenFlags.ReadOnly);

        Assert.True(opened <= 16, $"{opened} opens succeeded");
        Assert.Contains(refusedWith, new[] { Errno.ENFILE, Errno.EMFILE });
        Assert.True(closed.Ok, closed.ToString());
        Assert.True(after.Ok, after.ToString());
    }
}
