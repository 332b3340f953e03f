using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Gateway.Cli.Tests.Conformance;

/// <summary><c>gateway conform --soak</c> in process: seeds on standard error even when quiet, the audit printed and in --json, resets reported.</summary>
public sealed class SoakCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("gateway-soak-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    [Fact]
    public void ConformSoak_FaultyLinkQuiet_PrintsSeedsOnStderrAndTheAuditAndWritesIt()
    {
        string json = Path.Combine(dir, "soak.json");
        CliResult r = CliRun.InProcess("conform", "--target", "link+emu:?faults=0.01&seed=41", "--only", "RM-5", "--only", "RM-13", "--soak", "--quiet", "--json", json);

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("fault seed 41 (session i: 41 + 2i", r.Error, StringComparison.Ordinal);
        Assert.Contains("no request applied twice: requests-applied ", r.Out, StringComparison.Ordinal);
        using JsonDocument d = JsonDocument.Parse(File.ReadAllText(json));
        JsonElement soak = d.RootElement.GetProperty("soak");
        Assert.True(soak.GetProperty("ok").GetBoolean());
        Assert.Equal(41, soak.GetProperty("fault_seed").GetInt32());
        Assert.Equal(41, soak.GetProperty("boards")[0].GetProperty("seeds")[0].GetInt32());
        JsonElement audit = soak.GetProperty("audits").EnumerateArray().Single();
        Assert.Equal(audit.GetProperty("requests_sent").GetInt64() - audit.GetProperty("requests_refused").GetInt64(), audit.GetProperty("requests_applied").GetInt64());
    }

    [Fact]
    public void ConformSoak_ResetAfter_ReportsTheInterruptedScenarioEvenWhenQuiet()
    {
        CliResult r = CliRun.InProcess("conform", "--target", "link+emu:?reset-after=30", "--only", "rm13-bounds", "--soak", "--quiet");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("interrupted rm13-bounds: the board restarted during the session (boot id ", r.Out, StringComparison.Ordinal);
        Assert.Contains("reset after request 30: ", r.Out, StringComparison.Ordinal);
        Assert.Contains("was reset after request 30: boot id ", r.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("emu:")]
    [InlineData("emu:?faults=0.01")]
    public void ConformSoak_TargetWithoutTheLinkOrRepeatZero_IsAUsageError(string target)
    {
        CliResult soak = CliRun.InProcess("conform", "--target", target, "--only", "RM-13", "--soak");
        CliResult repeat = CliRun.InProcess("conform", "--only", "RM-13", "--repeat", "0");

        Assert.Equal(2, soak.ExitCode);
        Assert.Equal(2, repeat.ExitCode);
        Assert.Contains("link+emu:", soak.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ConformRepeat_RunsTheScenariosThatManyTimes()
    {
        CliResult r = CliRun.InProcess("conform", "--only", "rm13-bounds", "--repeat", "3", "--quiet");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("3 scenarios passed, 0 failed, 0 skipped", r.Out, StringComparison.Ordinal);
    }
}
