using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Gateway.Devices.Registers;
using Gateway.Host.Link;
using Gateway.Host.Memory;
using Gateway.Host.Targets;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Cli.Tests.Board;

/// <summary><c>gateway watch</c>: board events as they arrive, against a TCP emulated board driven by a second host.</summary>
public sealed class WatchCommandTests
{
    /// <summary>Drives bank0 output pin 4, looped to input pin 5 on the emulated board, high.</summary>
    private static async Task RaisePin4Async(string target)
    {
        await using var board = TargetRegistry.Create(target, new TargetSettings
        {
            Key = DevelopmentKey.Create(),
            HostId = HostIds.FromName("gateway-cli-tests-driver"),
        });
        await using ITargetSession session = await board.OpenSessionAsync(TargetRequirements.None);
        var mm = new MemoryManager(session.Channel);
        await mm.StartAsync();
        ClientProcess p = await mm.SpawnAsync(2, Cred(0, 0));
        QnxResult fd = await p.OpenAsync("dev/gpio/bank0", OpenFlags.ReadWrite);
        MmapResult bank = await p.MmapAsync(0, 4096, Prot.Read | Prot.Write, MapFlags.Shared, (int)fd.Value, 0);
        Assert.True(bank.Ok, bank.ToString());
        Assert.True((await p.StoreAsync(bank.Address + GpioBankRegion.Direction, 4, 1u << 4)).Ok);
        Assert.True((await p.StoreAsync(bank.Address + GpioBankRegion.Set, 4, 1u << 4)).Ok);
    }

    [Fact]
    public async Task Watch_EnableEdgesOfPin5_PrintsTheEdgeEventAsJsonLine()
    {
        using var board = new TcpEmulatedBoard();
        var output = new TcpEmulatedBoard.LineWriter();
        var errors = new TcpEmulatedBoard.LineWriter();
        var console = new CliConsole(output, errors, new StringReader(""));
        Task<int> watch = Task.Run(() => GatewayCli.Run(
            ["watch", "--target", board.Target, "--key-file", KeyFiles.DevelopmentKeyFile, "--enable-edges", "bank0:0x20", "--count", "1", "--json"],
            console));

        errors.WaitFor("watching events");
        await RaisePin4Async(board.Target);

        Assert.True(await Task.WhenAny(watch, Task.Delay(TimeSpan.FromSeconds(60))) == watch, "watch did not end after its event: " + errors.Text);
        Assert.True(await watch == 0, errors.Text);
        string line = output.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single();
        using JsonDocument e = JsonDocument.Parse(line);
        Assert.Equal(1, e.RootElement.GetProperty("source").GetInt32());
        Assert.Equal("gpio bank0", e.RootElement.GetProperty("source_name").GetString());
        Assert.Equal(1, e.RootElement.GetProperty("code").GetInt32());
        Assert.Equal("edge", e.RootElement.GetProperty("code_name").GetString());
        Assert.Equal(0x20, e.RootElement.GetProperty("value").GetInt32());
        Assert.Equal(1u, e.RootElement.GetProperty("counter").GetUInt32());
        Assert.Equal(0, e.RootElement.GetProperty("lost").GetInt64());
        Assert.Contains("RISE_EN and FALL_EN set to 0x00000020", errors.Text);
    }

    [Fact]
    public async Task Watch_Human_PrintsSourceCodeValueCounterLost()
    {
        using var board = new TcpEmulatedBoard();
        var output = new TcpEmulatedBoard.LineWriter();
        var errors = new TcpEmulatedBoard.LineWriter();
        Task<int> watch = Task.Run(() => GatewayCli.Run(
            ["watch", "--target", board.Target, "--key-file", KeyFiles.DevelopmentKeyFile, "-e", "bank0:32", "-n", "1"],
            new CliConsole(output, errors, new StringReader(""))));

        errors.WaitFor("watching events");
        await RaisePin4Async(board.Target);

        string line = output.WaitFor("source");
        Assert.Contains("gpio bank0", line);
        Assert.Contains("value 0x00000020", line);
        Assert.Contains("counter      1", line);
        Assert.Contains("lost 0", line);
        Assert.True(await Task.WhenAny(watch, Task.Delay(TimeSpan.FromSeconds(60))) == watch, "watch did not end after its event: " + errors.Text);
        Assert.True(await watch == 0, errors.Text);
    }

    [Fact]
    public void Watch_SecondsRunOutWithoutEvents_ExitsZero()
    {
        CliResult r = CliRun.InProcess("watch", "--seconds", "0.2", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("", r.Out);
        Assert.Contains("0 event(s)", r.Error);
    }

    [Theory]
    [InlineData("--enable-edges", "bank0")]
    [InlineData("--enable-edges", "gpio0:0x1")]
    [InlineData("--enable-edges", "bank0:0x1_0000_0000")]
    [InlineData("--count", "0")]
    [InlineData("--seconds", "-1")]
    public void Watch_BadOption_ExitsTwo(string option, string value)
    {
        Assert.Equal(2, CliRun.InProcess("watch", option, value).ExitCode);
    }

    [Fact]
    public void Watch_EdgesOfABankTheBoardLacks_ExitsOneWithENOENT()
    {
        CliResult r = CliRun.InProcess("watch", "--enable-edges", "bank9:0x1", "--seconds", "0.1");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("open /dev/gpio/bank9: ENOENT (2)", r.Error);
    }
}
