using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Gateway.Cli.Tests.Board;

/// <summary><c>gateway ls</c>: readdir through _IO_READ (struct dirent records) with each entry's stat.</summary>
public sealed class LsCommandTests
{
    private static JsonElement Ls(params string[] args)
    {
        CliResult r = CliRun.InProcess(["ls", .. args, "--json"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.Json();
    }

    private static Dictionary<string, JsonElement> Entries(JsonElement j) =>
        CliRun.At(j, "entries").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);

    [Fact]
    public void Ls_Data_ListsTheBootFilesInTableOrderWithTheirStats()
    {
        JsonElement j = Ls("/data");
        Assert.True(CliRun.At(j, "directory").GetBoolean());
        string[] names = CliRun.At(j, "entries").EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(new[] { "app", "grpexec", "ownerexec", "notes.txt", "private", "sticky", "form32" }, names);
        Dictionary<string, JsonElement> e = Entries(j);
        Assert.Equal(8192, e["app"].GetProperty("size").GetInt64());
        Assert.Equal("0755", e["app"].GetProperty("permissions").GetString());
        Assert.Equal(1024, e["notes.txt"].GetProperty("size").GetInt64());
        Assert.Equal(30, e["grpexec"].GetProperty("gid").GetInt32());
        Assert.Equal("01644", e["sticky"].GetProperty("permissions").GetString());
        Assert.Equal("S_IFREG", e["form32"].GetProperty("type").GetString());
        foreach (JsonElement entry in e.Values)
        {
            Assert.Equal(entry.GetProperty("st_ino").GetUInt64(), entry.GetProperty("d_ino").GetUInt64()); // §5: d_ino = st_ino
        }
    }

    [Fact]
    public void Ls_Root_ListsTheTopDirectories()
    {
        Dictionary<string, JsonElement> e = Entries(Ls("/"));
        Assert.Equal(new[] { "data", "dev", "fw", "noexec" }, e.Keys.Order().ToArray());
        Assert.Equal("0777", e["data"].GetProperty("permissions").GetString());
        Assert.All(e.Values, d => Assert.Equal("S_IFDIR", d.GetProperty("type").GetString()));
    }

    [Fact]
    public void Ls_Quiet_PrintsNamesOnly()
    {
        CliResult r = CliRun.InProcess("ls", "/dev/gpio", "--quiet");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(new[] { "bank0", "bank1" }, r.Out.Split('\n', System.StringSplitOptions.RemoveEmptyEntries | System.StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void Ls_AFile_ListsItself()
    {
        JsonElement j = Ls("/dev/spi0/buf");
        Assert.False(CliRun.At(j, "directory").GetBoolean());
        Assert.Equal(8192, CliRun.At(j, "entries[0].size").GetInt64());
        Assert.Equal("S_IFCHR", CliRun.At(j, "entries[0].type").GetString());
    }

    [Fact]
    public void Ls_QuirksOnAThirtyTwoBitBoard_ReportsTheOddStatBody()
    {
        Dictionary<string, JsonElement> e = Entries(Ls("/quirks", "--target", "emu:?bits=32&quirks=1"));
        Assert.Equal(100, e["badstat"].GetProperty("stat_bytes").GetInt32());
        Assert.Equal(4096, e["legacy"].GetProperty("size").GetInt64());
    }

    [Fact]
    public void Ls_Missing_ExitsOneWithENOENT()
    {
        CliResult r = CliRun.InProcess("ls", "/nowhere");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("ENOENT (2)", r.Error);
    }

    [Fact]
    public void Ls_Human_PrintsATable()
    {
        CliResult r = CliRun.InProcess("ls", "/dev");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("removable0", r.Out);
        Assert.Contains("uid:gid", r.Out);
    }
}
