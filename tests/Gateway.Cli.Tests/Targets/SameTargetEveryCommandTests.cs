using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Gateway.Cli.Tests.Conformance;
using Gateway.Host.Targets;

namespace Gateway.Cli.Tests.Targets;

/// <summary>
/// Every command that talks to a board reads its <c>--target</c> through the one grammar and registry
/// (<see cref="TargetRegistry"/>): a URI is accepted by all of them, with the same board behind it, or refused by all
/// of them (exit 2) with the same words. Checked by running each command in process against each URI.
/// </summary>
public sealed class SameTargetEveryCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("gateway-targets-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    /// <summary>Each command with arguments that succeed on the emulated board (exit 0), before the target options.</summary>
    private IEnumerable<(string Name, string[] Args)> Commands()
    {
        string scenario = Path.Combine(dir, "p.json");
        File.WriteAllText(scenario, ConformCommandTests.Passing);
        yield return ("probe", new[] { "probe" });
        yield return ("ls", new[] { "ls", "/" });
        yield return ("stat", new[] { "stat", "/fw/info" });
        yield return ("cat", new[] { "cat", "/fw/info" });
        yield return ("mmap", new[] { "mmap", "/dev/gpio/bank0", "--prot", "rw" });
        yield return ("peek", new[] { "peek", "/dev/gpio/bank0", "0x30" });
        yield return ("poke", new[] { "poke", "/dev/gpio/bank0", "0x08", "0x10" });
        yield return ("watch", new[] { "watch", "--seconds", "0.2" });
        yield return ("run", new[] { "run", scenario });
        yield return ("conform", new[] { "conform", "--only", "RM-13" });
    }

    [Theory]
    [InlineData("emu:")]
    [InlineData("EMU:")]
    [InlineData("emu:?bits=32&quirks=1")]
    [InlineData("link+emu:")]
    [InlineData("Link+Emu:?faults=0.01&seed=1")]
    public void EveryCommand_AcceptedUri_RunsOnTheBoardItNames(string uri)
    {
        foreach (var (name, args) in Commands())
        {
            CliResult r = CliRun.InProcess(args.Concat(new[] { "--target", uri }).ToArray());
            Assert.True(r.ExitCode == 0, $"{name} --target {uri}: {r}");
        }
    }

    [Theory]
    [InlineData("emu:?faults=0.01&seed=1")]
    [InlineData("emu:?bits=16")]
    [InlineData("emu:?reset-after=2")]
    [InlineData("pty:?reset-after=2")]
    [InlineData("link+emu:?faults=0.5")]
    [InlineData("tcp://127.0.0.1:7447?bits=32")]
    [InlineData("bogus:")]
    public void EveryCommand_RefusedUri_ExitsTwoWithTheSameWords(string uri)
    {
        string expected = Assert.Throws<TargetUriException>(() => TargetUri.Parse(uri)).Message;
        foreach (var (name, args) in Commands())
        {
            CliResult r = CliRun.InProcess(args.Concat(new[] { "--target", uri }).ToArray());
            Assert.True(r.ExitCode == 2, $"{name} --target {uri}: {r}");
            Assert.Contains(expected, r.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ProbeOverTheLink_ShowsTheHandshake_ProbeOnEmu_SaysThereIsNoLink()
    {
        CliResult link = CliRun.InProcess("probe", "--target", "link+emu:");
        Assert.True(link.ExitCode == 0, link.ToString());
        Assert.Contains("handshake with link+emu:", link.Out, StringComparison.Ordinal);
        CliResult emu = CliRun.InProcess("probe", "--target", "EMU:");
        Assert.True(emu.ExitCode == 0, emu.ToString());
        Assert.Contains("no link", emu.Out, StringComparison.Ordinal);
    }
}
