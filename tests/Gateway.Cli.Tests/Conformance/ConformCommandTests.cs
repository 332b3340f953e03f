using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Gateway.Cli.Tests.Board;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Targets;

namespace Gateway.Cli.Tests.Conformance;

/// <summary><c>gateway conform</c> and <c>gateway run</c> in process: tables, files and exit codes.</summary>
public sealed class ConformCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("gateway-conform-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    internal const string Passing = """
        {"format":1,"name":"passing","rules":["RM-1"],"processes":[{"pid":2,"uid":100,"gid":100}],
         "steps":[{"do":"open","path":"/data/app","oflag":"O_RDONLY","expect":{"fd":3}}]}
        """;

    internal const string Failing = """
        {"format":1,"name":"failing","rules":["RM-1"],"processes":[{"pid":2,"uid":200,"gid":200}],
         "steps":[{"name":"wrong","do":"open","path":"/data/private","oflag":"O_RDONLY"}]}
        """;

    internal const string Malformed = """
        {"format":1,"name":"malformed","processes":[{"pid":2,"uid":100}],
         "steps":[{"do":"open","path":"/data/app"},{"name":"bad","do":"mmap","fd":3,"length":4096,"prot":"PROT_READ","flags":"MAP_SHAERD"}]}
        """;

    private string Write(string name, string text)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Conform_EmulatedBoard_PrintsThePerRuleTableAndExitsZero()
    {
        CliResult r = CliRun.InProcess("conform");
        Assert.True(r.ExitCode == 0, r.ToString());
        foreach (string rule in new[] { "§0", "§4", "RM-0", "RM-13", "RM-18", "MM-1", "MM-12" })
        {
            Assert.Contains($"│ {rule} ", r.Out, StringComparison.Ordinal);
        }

        // emu: has no link: the scenarios that need one (a request before authentication, a silent or dropped
        // session) are skipped saying so, never passed.
        Assert.Contains(" 0 failed, 3 skipped (emu:)", r.Out, StringComparison.Ordinal);
        Assert.Contains("skipped identities-before-authentication: emu: has no link", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Conform_OnlyAndJsonAndJUnit_WritesBothFiles()
    {
        string json = Path.Combine(dir, "r.json");
        string junit = Path.Combine(dir, "r.xml");
        CliResult r = CliRun.InProcess("conform", "--only", "RM-13", "--json", json, "--junit", junit, "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        using JsonDocument d = JsonDocument.Parse(File.ReadAllText(json));
        Assert.True(d.RootElement.GetProperty("ok").GetBoolean());
        Assert.Contains(d.RootElement.GetProperty("rules").EnumerateArray(), e => e.GetProperty("rule").GetString() == "RM-13");
        XDocument x = XDocument.Load(junit);
        Assert.Equal("0", x.Root!.Attribute("failures")!.Value);
        Assert.DoesNotContain("│", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Conform_ListAndUnknownFilter_ExitZeroAndTwo()
    {
        CliResult list = CliRun.InProcess("conform", "--list");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("rm13-bounds", list.Out, StringComparison.Ordinal);
        Assert.Equal(2, CliRun.InProcess("conform", "--only", "no-such-rule").ExitCode);
    }

    [Fact]
    public void Conform_BadTarget_IsAUsageError()
    {
        CliResult r = CliRun.InProcess("conform", "--target", "emu:?bits=48");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("bits=48", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Conform_UnreachableTarget_ExitsThree()
    {
        // A real TCP connection to a port nobody listens on: refused at once.
        CliResult r = CliRun.InProcess("conform", "--only", "RM-13", "--target", $"tcp://127.0.0.1:{ClosedPort()}", "--key-file", KeyFiles.DevelopmentKeyFile);
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("error: target tcp://127.0.0.1:", r.Error, StringComparison.Ordinal);
        Assert.Contains(" is unreachable: ", r.Error, StringComparison.Ordinal);
        Assert.Contains("hint: nothing accepted a connection on 127.0.0.1:", r.Error, StringComparison.Ordinal); // the same hints as the board commands'
    }

    [Fact]
    public void Run_PassingFile_ExitsZero()
    {
        CliResult r = CliRun.InProcess("run", Write("p.json", Passing));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("1 scenarios passed, 0 failed", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_FailingFile_ExitsOneNamingTheCheck()
    {
        CliResult r = CliRun.InProcess("run", Write("f.json", Failing));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("step 0 \"wrong\"", r.Out, StringComparison.Ordinal);
        Assert.Contains("RM-1 errno: expected EOK (0); observed EACCES (13)", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MalformedFile_ExitsTwoNamingFileStepAndField()
    {
        string path = Write("m.json", Malformed);
        CliResult r = CliRun.InProcess("run", path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{path}: step 1 (\"bad\"): flags: unknown symbol 'MAP_SHAERD'", r.Error, StringComparison.Ordinal);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void Run_MissingFileAndHelp_ExitTwoAndZero()
    {
        Assert.Equal(2, CliRun.InProcess("run", Path.Combine(dir, "none.json")).ExitCode);
        Assert.Equal(2, CliRun.InProcess("run").ExitCode);
        CliResult help = CliRun.InProcess("run", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--junit", help.Out, StringComparison.Ordinal);
    }

    /// <summary>A loopback port that was free a moment ago (bound, then released), so a connection to it is refused.</summary>
    private static int ClosedPort()
    {
        var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        int port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}

/// <summary>The built <c>gateway</c> as a real process: conform and run with their exit codes.</summary>
public sealed class ConformProcessTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("gateway-run-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    [Fact]
    public void GatewayProcess_Conform_ExitsZeroWithTheSummary()
    {
        CliResult r = CliRun.Process(null, "conform", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("0 failed, 3 skipped (emu:)", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void GatewayProcess_RunFiles_ExitCodesZeroOneTwo()
    {
        string pass = Path.Combine(dir, "p.json");
        string fail = Path.Combine(dir, "f.json");
        string bad = Path.Combine(dir, "m.json");
        File.WriteAllText(pass, ConformCommandTests.Passing);
        File.WriteAllText(fail, ConformCommandTests.Failing);
        File.WriteAllText(bad, ConformCommandTests.Malformed);
        Assert.Equal(0, CliRun.Process(null, "run", pass).ExitCode);
        CliResult f = CliRun.Process(null, "run", pass, fail);
        Assert.Equal(1, f.ExitCode);
        Assert.Contains("1 scenarios passed, 1 failed", f.Out, StringComparison.Ordinal);
        CliResult m = CliRun.Process(null, "run", bad);
        Assert.Equal(2, m.ExitCode);
        Assert.Contains("step 1 (\"bad\"): flags:", m.Error, StringComparison.Ordinal);
    }
}
