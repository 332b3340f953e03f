using System;
using System.Threading.Tasks;
using Gateway.Devices.Registers;
using Gateway.Host.Memory;
using Gateway.Host.Targets;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Host.Tests.Targets;

/// <summary>
/// The same end-to-end walk over every target that runs here, through the one target interface every command uses:
/// the emulated board in process without the link (emu:) and behind the whole in-memory link (link+emu:), in a
/// child process over a real pseudo-terminal, and over TCP loopback.
/// </summary>
public sealed class BoardTargetTests
{
    /// <summary>Opens a session, maps a GPIO bank and a firmware image, and checks registers and bytes.</summary>
    private static async Task<ITargetSession> WalkAsync(ITarget target, bool expect32 = false)
    {
        var session = await target.OpenSessionAsync(TargetRequirements.None);
        var mm = new MemoryManager(session.Channel);
        await mm.StartAsync();
        var root = await mm.SpawnAsync(2, Cred(0, 0));
        var fd = await root.OpenAsync("dev/gpio/bank0", OpenFlags.ReadWrite);
        Assert.True(fd.Ok, fd.ToString());
        var bank = await root.MmapAsync(0, 4096, Prot.Read | Prot.Write, MapFlags.Shared, (int)fd.Value, 0);
        Assert.True(bank.Ok, bank.ToString());
        Assert.Equal(expect32 ? StatForm.T32_2001 : StatForm.T64_2008, bank.ReplyExt!.Form);
        Assert.True((await root.StoreAsync(bank.Address + GpioBankRegion.Direction, 4, 1u << 6)).Ok);
        Assert.True((await root.StoreAsync(bank.Address + GpioBankRegion.Set, 4, 1u << 6)).Ok);
        Assert.NotEqual(0ul, (await root.LoadAsync(bank.Address + GpioBankRegion.Input, 4)).Value & (1u << 7));

        var bin = await root.OpenAsync("fw/bin/table.bin", OpenFlags.ReadOnly);
        var table = await root.MmapAsync(0, 4096, Prot.Read, MapFlags.Private, (int)bin.Value, 0);
        Assert.True(table.Ok, table.ToString());
        Assert.Equal(0x77073096ul, (await root.LoadAsync(table.Address + 4, 4)).Value); // CRC-32 table entry 1
        return session;
    }

    [Fact]
    public async Task Emu_InProcessWithoutTheLink_WalksEndToEnd()
    {
        await using var target = TargetRegistry.Create("emu:");
        var session = await WalkAsync(target);
        Assert.IsType<EmulatedSession>(session);
        await session.DisposeAsync();
    }

    [Fact]
    public async Task LinkEmu_InProcessBehindTheLink_WalksEndToEnd()
    {
        await using var target = TargetRegistry.Create("link+emu:");
        var session = Assert.IsType<LinkTargetSession>(await WalkAsync(target));
        Assert.NotNull(session.EmulatedBoard);
    }

    [Theory]
    [InlineData("emu:?bits=32")]
    [InlineData("link+emu:?bits=32")]
    public async Task Emulated_ThirtyTwoBitOption_PrefersT32_2001(string uri)
    {
        await using var target = TargetRegistry.Create(uri);
        await WalkAsync(target, expect32: true);
    }

    [Fact]
    public async Task LinkEmu_FreshSessionPerCall_OldSessionsOcbsClosed()
    {
        await using var target = TargetRegistry.Create("link+emu:");
        var first = Assert.IsType<LinkTargetSession>(await WalkAsync(target));
        var board = first.EmulatedBoard!;
        var inUse = board.Rm.Ocbs.CountInUse();
        Assert.True(inUse > 0);
        await first.DisposeAsync();
        var second = Assert.IsType<LinkTargetSession>(await WalkAsync(target));
        Assert.Same(board, second.EmulatedBoard);
        // The first session ended before the second opened: only the second session's OCBs remain.
        Assert.Equal(inUse, board.Rm.Ocbs.CountInUse());
    }

    [Fact]
    public async Task Pty_ChildProcessOverARealPseudoTerminal_WalksEndToEnd()
    {
        await using var target = TargetRegistry.Create("pty:?bits=32&quirks=1");
        await WalkAsync(target, expect32: true);
    }

    [Fact]
    public async Task Tcp_Loopback_WalksEndToEnd()
    {
        await using var board = await ServedBoardApp.TcpAsync();
        await using var target = TargetRegistry.Create($"tcp://{board.Address}", new TargetSettings { Key = DevelopmentKey.Create() });
        await WalkAsync(target);
    }

    [Fact]
    public async Task Tcp_WrongKey_IsATargetErrorNotAUsageError()
    {
        await using var board = await ServedBoardApp.TcpAsync();
        await using var target = TargetRegistry.Create($"tcp://{board.Address}", new TargetSettings { Key = new byte[32] });
        var e = await Assert.ThrowsAsync<TargetUnreachableException>(() => target.OpenSessionAsync(TargetRequirements.None));
        Assert.False(e.IsUsageError);
    }

    [Fact]
    public async Task Tcp_DevKeyInTheUri_ConnectsToTheEmulatedBoardWithoutAKeyFile()
    {
        // Issue 12 item 3: ?key=dev is all a board served by gateway emulate needs.
        await using var board = await ServedBoardApp.TcpAsync();
        await using var target = TargetRegistry.Create($"tcp://{board.Address}?key=dev", new TargetSettings());
        await using var session = await target.OpenSessionAsync(TargetRequirements.None);
        Assert.True(session.Board.IsEmulated);
    }

    [Theory]
    [InlineData("?key=dev", false)]
    [InlineData("", true)]
    public async Task Tcp_DevKeyAgainstABoardAnnouncingHardware_RefusedWithOneLineNamingTheFix(string query, bool devKeyOption)
    {
        // Issue 12 item 3: the wrong combination fails with one clear line (exit 3 in the CLI), before any proof.
        var config = BoardLinkConfig.Esp32();
        config.BoardName = "esp32-devkitc";
        config.BoardModel = "ESP32-DevKitC";
        using var board = new Gateway.Host.Tests.Link.TestBoard(config);
        using var listener = new Gateway.Transports.Desktop.Tcp.TcpBoardListener(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0), maxConnections: 2);
        var accept = Task.Run(() =>
        {
            var stream = listener.Accept(20_000);
            if (stream != null)
            {
                board.Serve(stream);
            }
        });

        await using var target = TargetRegistry.Create($"tcp://{listener.LocalEndPoint}{query}", new TargetSettings { DevelopmentKey = devKeyOption });
        var e = await Assert.ThrowsAsync<TargetUnreachableException>(() => target.OpenSessionAsync(TargetRequirements.None));
        await accept;

        Assert.False(e.IsUsageError);
        Assert.DoesNotContain("\n", e.Message);
        Assert.Contains("the development key is only for emulated boards, and 'esp32-devkitc' (ESP32-DevKitC) announces itself as a hardware board: give its key with --key-file PATH", e.Message);
        Assert.Equal(0, board.Link.Counters.Get(LinkCounter.SessionsOpened));
    }

    [Fact]
    public void Create_DevKeyAndKeyFile_IsAUsageError()
    {
        var e = Assert.Throws<TargetException>(() => TargetRegistry.Create("tcp://127.0.0.1:7447?key=dev", new TargetSettings { KeyFile = "board.key" }));
        Assert.True(e.IsUsageError);
        Assert.Contains("not both", e.Message);
    }

    [Theory]
    [InlineData("bogus:")]
    [InlineData("tcp://127.0.0.1:7447?key=secret")]
    [InlineData("emu:?key=dev")]
    [InlineData("emu:?bits=16")]
    [InlineData("emu:?colour=red")]
    [InlineData("tcp://127.0.0.1:7447?bits=32")]
    [InlineData("emu:?faults=0.01&seed=1")]
    public void Create_BadTarget_IsAUsageError(string uri)
    {
        var e = Assert.Throws<TargetUriException>(() => TargetRegistry.Create(uri));
        Assert.True(e.IsUsageError);
    }

    [Fact]
    public void Create_TcpWithoutKey_IsAUsageErrorNamingTheOption()
    {
        var e = Assert.Throws<TargetException>(() => TargetRegistry.Create("tcp://127.0.0.1:7447", new TargetSettings { KeyFile = null }));
        Assert.True(e.IsUsageError || Environment.GetEnvironmentVariable("GATEWAY_KEY_FILE") != null);
        Assert.Contains("--key-file", e.Message);
    }
}
