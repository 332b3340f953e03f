using System.Text.Json;

namespace Gateway.Cli.Tests.Board;

/// <summary><c>gateway probe</c>: the handshake facts and /fw/info, against the emulated board in process.</summary>
public sealed class ProbeCommandTests
{
    [Fact]
    public void Probe_EmuJson_PrintsHandshakeFactsAndFwInfo()
    {
        CliResult r = CliRun.InProcess("probe", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        JsonElement j = r.Json();
        Assert.Equal("emu:", CliRun.At(j, "target").GetString());
        Assert.Equal("emulated", CliRun.At(j, "board.name").GetString());
        Assert.Contains("64-bit", CliRun.At(j, "board.model").GetString());
        Assert.Matches("^[0-9a-f]{32}$", CliRun.At(j, "board.boot_id").GetString()!);
        Assert.True(CliRun.At(j, "board.max_body").GetInt32() >= 4096);
        Assert.True(CliRun.At(j, "board.window").GetInt32() >= 1);
        Assert.Equal("EVENTS", CliRun.At(j, "board.features_names[0]").GetString());
        Assert.True(CliRun.At(j, "board.session_slot").GetInt32() >= 0);
        Assert.Equal(64, CliRun.At(j, "info.bits").GetInt32());
        Assert.Equal("emulated", CliRun.At(j, "info.board").GetString());
    }

    [Fact]
    public void Probe_ThirtyTwoBitBoard_InfoSaysT32_2001()
    {
        CliResult r = CliRun.InProcess("probe", "--json", "--target", "emu:?bits=32&quirks=1");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(32, CliRun.At(r.Json(), "info.bits").GetInt32());
        Assert.Equal("t32_2001", CliRun.At(r.Json(), "info.preferred_stat_form").GetString());
    }

    [Fact]
    public void Probe_Human_PrintsBothTables()
    {
        CliResult r = CliRun.InProcess("probe");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("board name", r.Out);
        Assert.Contains("session slot", r.Out);
        Assert.Contains("/fw/info", r.Out);
        Assert.Contains("preferred_stat_form", r.Out);
    }

    [Fact]
    public void Probe_Quiet_PrintsNothingAndSucceeds()
    {
        CliResult r = CliRun.InProcess("probe", "--quiet");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Equal("", r.Error);
    }
}
