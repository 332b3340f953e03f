using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Board.Emulated.Simulator;
using Gateway.Board.RaspberryPi;
using Gateway.Devices.Hal;
using Gateway.Devices.Registers;
using Gateway.Host.Board;
using Gateway.Host.Link;
using Gateway.Host.Memory;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Desktop.Platform;
using Gateway.Transports.Desktop.Pty;
using Gateway.Transports.Desktop.Serial;
using Gateway.Transports.Desktop.Tcp;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Board.Tests.RaspberryPi;

/// <summary>
/// The Pi's composition (<see cref="PiBoard.Compose"/>) over the simulator HAL, driven by the host's link client and
/// memory manager over a real TCP loopback connection and a real tty (a pseudo-terminal): everything of the Pi app
/// but the Linux GPIO and spidev adapters, which have their own tests.
/// </summary>
public sealed class PiBoardTests
{
    private static readonly byte[] Key = Encoding.ASCII.GetBytes("pi-board-test-key-0123456789abcd");

    /// <summary>The Pi's hardware as boards/raspberry-pi wires it: bank0 of 8 pins with pin 4 looped to pin 5, a 25LC256 on CS0.</summary>
    private sealed class PiHardware
    {
        public PiHardware()
        {
            var wiring = new GpioWiring();
            Bank0 = new SimulatedGpioBank("bank0", 8, wiring);
            wiring.Connect(Bank0, 4, Bank0, 5);
            Spi = new SimulatedSpiBus(2);
            Spi.Attach(0, new Eeprom25LC256(Clock, writeTimeMs: 0));
        }

        public SystemClock Clock { get; } = new();

        public SimulatedGpioBank Bank0 { get; }

        public SimulatedSpiBus Spi { get; }

        public PiBoard Compose(PiOptions? options = null) =>
            PiBoard.Compose(options ?? new PiOptions(), new IGpioBank[] { Bank0 }, Spi, Clock, Key, new ConsoleLog(writer: TextWriter.Null));
    }

    /// <summary>A board serving TCP on 127.0.0.1 (a free port) on its accept thread, as the app does.</summary>
    private sealed class TcpServedBoard : IAsyncDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Thread accept;

        public TcpServedBoard(PiBoard board)
        {
            Board = board;
            Listener = new TcpBoardListener(new IPEndPoint(IPAddress.Loopback, 0), board.TcpConnections());
            accept = new Thread(() => board.ServeTcp(Listener, stop.Token)) { IsBackground = true };
            accept.Start();
        }

        public PiBoard Board { get; }

        public TcpBoardListener Listener { get; }

        public async Task<LinkClient> ConnectAsync(string hostName = "pi-test")
        {
            Stream stream = await TcpTransport.ConnectAsync("127.0.0.1", Listener.LocalEndPoint.Port);
            return await LinkClient.ConnectAsync(stream, new LinkClientOptions { Key = Key, HostId = HostIds.FromName(hostName) });
        }

        /// <summary>Stops serving and awaits the accept thread's end (bounded), so no async test blocks a pool thread on it.</summary>
        public async ValueTask DisposeAsync()
        {
            stop.Cancel();
            try
            {
                await Poll.UntilEndedAsync(accept, 10_000, "the Pi's TCP accept thread did not stop within 10 s of the cancel");
            }
            finally
            {
                Board.Dispose();
                Listener.Dispose();
            }
        }
    }

    [Fact]
    public async Task Compose_OverTcpLoopback_HandshakeGivesThePiLimitsAndBootId()
    {
        var hw = new PiHardware();
        await using var served = new TcpServedBoard(hw.Compose(new PiOptions { Model = PiModel.Pi5 }));

        await using LinkClient client = await served.ConnectAsync();

        Assert.Equal("raspberry-pi", client.Board.Name);
        Assert.Equal("Raspberry Pi 5", client.Board.Model);
        Assert.False(client.Board.IsEmulated); // board_kind 0: a host holding the development key would stop here
        Assert.Equal(16 * 1024 + 256, client.Board.MaxBody);
        Assert.Equal(8, client.Board.Window);
        Assert.Equal(served.Board.BootId, client.Board.BootId);
    }

    [Fact]
    public async Task Compose_OverTcpLoopback_FwInfoReadsAs64BitBoardWithPiLimits()
    {
        var hw = new PiHardware();
        await using var served = new TcpServedBoard(hw.Compose());
        await using LinkClient client = await served.ConnectAsync();
        var mm = new MemoryManager(new LinkChannel(client));
        await mm.StartAsync();
        ClientProcess root = await mm.SpawnAsync(2, Cred(0, 0));

        var fd = await root.OpenAsync("fw/info", OpenFlags.ReadOnly);
        Assert.True(fd.Ok, fd.ToString());
        var (read, data) = await root.ReadAsync((int)fd.Value, 4096);

        Assert.True(read.Ok, read.ToString());
        using var info = JsonDocument.Parse(data);
        Assert.Equal("raspberry-pi", info.RootElement.GetProperty("board").GetString());
        Assert.Equal("Raspberry Pi 4 Model B", info.RootElement.GetProperty("model").GetString());
        Assert.Equal(64, info.RootElement.GetProperty("bits").GetInt32());
        Assert.Equal("t64_2008", info.RootElement.GetProperty("preferred_stat_form").GetString());
        Assert.Equal(4, info.RootElement.GetProperty("limits").GetProperty("sessions").GetInt32());
        var limits = info.RootElement.GetProperty("limits");
        Assert.Equal(256, limits.GetProperty("ocbs").GetInt32());
        Assert.Equal(64, limits.GetProperty("ocbs_per_session").GetInt32()); // issue 13 finding 7: per-session quotas
        Assert.Equal(16, limits.GetProperty("data_files_per_session").GetInt32());
        Assert.Equal(46080, limits.GetProperty("data_bytes_per_session").GetInt32());
    }

    [Fact]
    public async Task Compose_OverTcpLoopback_MappedBank0TogglesPin4AndTheLoopbackWireCarriesIt()
    {
        var hw = new PiHardware();
        await using var served = new TcpServedBoard(hw.Compose());
        await using LinkClient client = await served.ConnectAsync();
        var mm = new MemoryManager(new LinkChannel(client));
        await mm.StartAsync();
        ClientProcess root = await mm.SpawnAsync(2, Cred(0, 0));
        var fd = await root.OpenAsync("dev/gpio/bank0", OpenFlags.ReadWrite);
        Assert.True(fd.Ok, fd.ToString());
        var map = await root.MmapAsync(0, 4096, Prot.Read | Prot.Write | Prot.NoCache, MapFlags.Shared, (int)fd.Value, 0);
        Assert.True(map.Ok, map.ToString());

        Assert.True((await root.StoreAsync(map.Address + GpioBankRegion.Direction, 4, 1u << 4)).Ok);
        Assert.True((await root.StoreAsync(map.Address + GpioBankRegion.Toggle, 4, 1u << 4)).Ok);
        var high = await root.LoadAsync(map.Address + GpioBankRegion.Input, 4);
        uint latchAfterFirst = hw.Bank0.Latch;
        Assert.True((await root.StoreAsync(map.Address + GpioBankRegion.Toggle, 4, 1u << 4)).Ok);
        var low = await root.LoadAsync(map.Address + GpioBankRegion.Input, 4);
        var present = await root.LoadAsync(map.Address + GpioBankRegion.Present, 4);

        Assert.Equal(1u << 4, latchAfterFirst & (1u << 4));
        Assert.Equal((1ul << 4) | (1ul << 5), high.Value & 0x30);
        Assert.Equal(0ul, low.Value & 0x30);
        Assert.Equal(0xFFul, present.Value);
        Assert.Equal(0u, hw.Bank0.Latch & (1u << 4));
    }

    [Fact]
    public async Task Compose_OverTcpLoopback_DevMemWindowAt0xFE200000IsBank0()
    {
        var hw = new PiHardware();
        await using var served = new TcpServedBoard(hw.Compose());
        await using LinkClient client = await served.ConnectAsync();
        var mm = new MemoryManager(new LinkChannel(client));
        await mm.StartAsync();
        ClientProcess root = await mm.SpawnAsync(2, Cred(0, 0));

        var window = await root.MmapDeviceMemoryAsync(4096, Prot.Read | Prot.Write | Prot.NoCache, MapFlags.Shared, PiBoard.Bank0PhysicalBase);
        Assert.True(window.Ok, window.ToString());
        Assert.True((await root.StoreAsync(window.Address + GpioBankRegion.Direction, 4, 1u << 4)).Ok);
        Assert.True((await root.StoreAsync(window.Address + GpioBankRegion.Set, 4, 1u << 4)).Ok);
        var outside = await root.MmapDeviceMemoryAsync(4096, Prot.Read, MapFlags.Shared, PiBoard.Bank0PhysicalBase + 4096);

        Assert.Equal(1u << 4, hw.Bank0.Latch & (1u << 4));
        Assert.Equal(1u << 4, hw.Bank0.Outputs);
        Assert.False(outside.Ok);
    }

    [Fact]
    public async Task Compose_FourHostsOverTcp_EachServedOnItsOwnConnection()
    {
        var hw = new PiHardware();
        await using var served = new TcpServedBoard(hw.Compose());

        LinkClient[] clients = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => served.ConnectAsync("pi-host-" + i)));
        BoardReply[] declared = await Task.WhenAll(clients.Select(c => c.DeclareAsync(2, Cred(0, 0))));
        int sessions = served.Board.Link.SessionCount;
        foreach (var c in clients)
        {
            await c.DisposeAsync();
        }

        Assert.All(declared, r => Assert.False(r.IsError));
        Assert.Equal(4, clients.Select(c => c.Board.SessionSlot).Distinct().Count());
        Assert.Equal(4, sessions);
    }

    [Fact]
    public async Task ServeSerial_OnAPseudoTerminal_HostOnTheOtherEndReadsFwInfo()
    {
        var hw = new PiHardware();
        using var board = hw.Compose();
        using var pty = PseudoTerminal.Open();
        using var stop = new CancellationTokenSource();
        var serving = new Thread(() => board.ServeSerial(pty.SlavePath, new SerialSettings { BaudRate = 921_600 }, stop.Token)) { IsBackground = true };
        serving.Start();

        string board0;
        byte[] data;
        await using (LinkClient client = await LinkClient.ConnectAsync(pty.MasterStream, new LinkClientOptions { Key = Key, LeaveOpen = true }))
        {
            var mm = new MemoryManager(new LinkChannel(client));
            await mm.StartAsync();
            ClientProcess root = await mm.SpawnAsync(2, Cred(0, 0));
            var fd = await root.OpenAsync("fw/info", OpenFlags.ReadOnly);
            (_, data) = await root.ReadAsync((int)fd.Value, 4096);
            board0 = client.Board.Name;
        }

        stop.Cancel();
        await Poll.UntilEndedAsync(serving, 10_000, "the Pi's serial serving did not end once stopped");

        Assert.Equal("raspberry-pi", board0);
        using var info = JsonDocument.Parse(data);
        Assert.Equal("raspberry-pi", info.RootElement.GetProperty("board").GetString());
    }

    [Fact]
    public async Task ServeSerial_BesideTcp_EveryTcpPlaceTaken_TheTtyStillGetsItsSlot()
    {
        // hardware-docs/link.md §10 and boards/raspberry-pi: composed with a tty, the link keeps a stream slot TCP
        // cannot take. More idle TCP connections than TCP has places come first; then the tty's host gets in.
        var hw = new PiHardware();
        using var pty = PseudoTerminal.Open();
        await using var served = new TcpServedBoard(hw.Compose(new PiOptions { SerialPath = pty.SlavePath }));
        BoardLink link = served.Board.Link;
        Assert.Equal((PiBoard.Sessions + 2, PiBoard.Sessions + 1), (link.StreamSlots, link.ConnectionSlots));
        Assert.Equal(TcpBoardListener.PlacesFor(link.ConnectionSlots), served.Listener.MaxConnections);
        var idle = new List<Socket>();
        try
        {
            for (int i = 0; i <= link.ConnectionSlots; i++)
            {
                var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                idle.Add(s);
                s.Connect(served.Listener.LocalEndPoint);
            }

            // The one too many is refused (or, on a slow machine past the grace, evicts the oldest): TCP stays at its share.
            await Poll.UntilAsync(
                () => link.Counters.Get(LinkCounter.StreamsRefused) + link.Counters.Get(LinkCounter.StreamsEvicted) >= 1,
                10_000,
                "the connection past TCP's share was neither refused nor made way for");
            Assert.Equal(link.ConnectionSlots, link.StreamsInUse);

            using var stop = new CancellationTokenSource();
            var serving = new Thread(() => served.Board.ServeSerial(pty.SlavePath, new SerialSettings { BaudRate = 921_600 }, stop.Token)) { IsBackground = true };
            serving.Start();
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(8)); // well before the idle TCP ones time out (10 s)
                await using LinkClient client = await LinkClient.ConnectAsync(pty.MasterStream, new LinkClientOptions { Key = Key, LeaveOpen = true }, cts.Token);
                Assert.False((await client.DeclareAsync(2, Cred(0, 0), true, cts.Token)).IsError);
                Assert.Equal(link.StreamSlots, link.StreamsInUse); // TCP still holds its places, the tty the one beside them
            }
            finally
            {
                stop.Cancel();
                await Poll.UntilEndedAsync(serving, 10_000, "the Pi's serial serving did not end once stopped");
            }
        }
        finally
        {
            foreach (var s in idle)
            {
                s.Dispose();
            }
        }
    }

    [Fact]
    public void Compose_Defaults_FwMapDeclaresTheWindowTheLoopbackAndTheEeprom()
    {
        var hw = new PiHardware();
        using var board = hw.Compose();

        using var map = JsonDocument.Parse(board.Devices.Map.ToArray());

        var window = Assert.Single(map.RootElement.GetProperty("windows").EnumerateArray());
        Assert.Equal(0xFE200000L, window.GetProperty("start").GetInt64());
        Assert.Equal(4096, window.GetProperty("size").GetInt32());
        Assert.Equal("/dev/gpio/bank0", window.GetProperty("resource").GetString());
        var wire = Assert.Single(map.RootElement.GetProperty("wiring").EnumerateArray());
        Assert.Equal((4, 5), (wire.GetProperty("from_pin").GetInt32(), wire.GetProperty("to_pin").GetInt32()));
        var eeprom = Assert.Single(map.RootElement.GetProperty("spi").EnumerateArray());
        Assert.Equal((0, "25LC256", 32768), (eeprom.GetProperty("chip_select").GetInt32(), eeprom.GetProperty("device").GetString(), eeprom.GetProperty("size").GetInt32()));
        var bank = Assert.Single(map.RootElement.GetProperty("gpio_banks").EnumerateArray());
        Assert.Equal(8, bank.GetProperty("pins").GetInt32());
    }

    [Fact]
    public void Compose_NoLoopbackNoEeprom_FwMapDeclaresNeither()
    {
        var hw = new PiHardware();
        using var board = hw.Compose(new PiOptions { LoopbackWire = false, Eeprom = false });

        using var map = JsonDocument.Parse(board.Devices.Map.ToArray());

        Assert.Empty(map.RootElement.GetProperty("wiring").EnumerateArray());
        Assert.Empty(map.RootElement.GetProperty("spi").EnumerateArray());
        Assert.Single(map.RootElement.GetProperty("windows").EnumerateArray());
    }

    [Fact]
    public void Compose_NoSpiBus_StillServesSpi0_GoAnswersEnodev()
    {
        using var board = PiBoard.Compose(new PiOptions { Eeprom = false }, new IGpioBank[] { new SimulatedGpioBank("bank0", 8) }, null, new SystemClock(), Key, new ConsoleLog(writer: TextWriter.Null));

        // board-resources.md: every board serves /dev/spi0/ctl and /dev/spi0/buf; without a bus a transfer fails with ENODEV.
        Assert.NotNull(board.Devices.Rm.Namespace.Find("/dev/spi0/ctl"));
        Assert.NotNull(board.Devices.Rm.Namespace.Find("/dev/gpio/bank0"));
        board.Devices.SpiControl.WriteWord(Gateway.Devices.Registers.SpiControlRegion.Go, 1);
        Assert.Equal((uint)Gateway.Protocol.Qnx.Errno.ENODEV, board.Devices.SpiControl.ReadWord(Gateway.Devices.Registers.SpiControlRegion.Error));
    }

    [Fact]
    public void Compose_LoopbackDeclaredButPin5Absent_IsRefused()
    {
        var bank = new SimulatedGpioBank("bank0", 8, presentPins: 0xDF);

        var e = Assert.Throws<ArgumentException>(() =>
            PiBoard.Compose(new PiOptions(), new IGpioBank[] { bank }, new SimulatedSpiBus(1), new SystemClock(), Key));

        Assert.Contains("pin 4 -> pin 5", e.Message);
    }
}
