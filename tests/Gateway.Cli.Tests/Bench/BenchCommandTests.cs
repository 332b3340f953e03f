using System;
using System.Linq;
using System.Text.Json;

namespace Gateway.Cli.Tests.Bench;

/// <summary><c>gateway bench</c>: its JSON, its budgets and its usage errors (figures are not judged here).</summary>
public sealed class BenchCommandTests
{
    [Fact]
    public void Bench_VirtualClockJsonToStdout_BudgetsMetExitZero()
    {
        CliResult r = CliRun.InProcess("bench", "--clock", "virtual", "--latency-requests", "10", "--json", "-", "--quiet");

        Assert.True(r.ExitCode == 0, r.ToString());
        JsonElement json = r.Json();
        Assert.Equal(2, json.GetProperty("efficiency").GetArrayLength());
        Assert.Equal(2, json.GetProperty("throughput").GetArrayLength());
        Assert.Equal(4, json.GetProperty("round_trips").GetArrayLength());
        // The bulk read: random and all-zero over TCP and in process everywhere, and over both pty implementations on Linux.
        Assert.Equal(OperatingSystem.IsLinux() ? 8 : 4, json.GetProperty("bulk_read").GetArrayLength());
        Assert.All(json.GetProperty("bulk_read").EnumerateArray(), b => Assert.Equal(b.GetProperty("bytes_read").GetInt64(), b.GetProperty("bytes_checked").GetInt64()));
        Assert.True(json.GetProperty("budgets").EnumerateArray().All(b => b.GetProperty("met").GetBoolean()));
        Assert.Equal("", r.Error);
    }

    [Fact]
    public void Bench_TooFewLatencyRequests_UsageError()
    {
        CliResult r = CliRun.InProcess("bench", "--latency-requests", "5");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--latency-requests", r.Error);
    }

    [Fact]
    public void Bench_UnknownClock_UsageError()
    {
        CliResult r = CliRun.InProcess("bench", "--clock", "sundial");

        Assert.Equal(2, r.ExitCode);
    }
}
