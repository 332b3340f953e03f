using System;
using System.Linq;
using System.Text.Json;

namespace Gateway.Cli.Tests.Board;

/// <summary><c>gateway cat</c>: a file's bytes read in frame-sized pieces; /fw/map and /fw/status are JSON.</summary>
public sealed class CatCommandTests
{
    [Fact]
    public void Cat_FwMap_IsValidJsonListingTheNamespace()
    {
        CliResult r = CliRun.InProcess("cat", "/fw/map");
        Assert.True(r.ExitCode == 0, r.ToString());
        using JsonDocument map = JsonDocument.Parse(r.Out);
        Assert.Equal("emulated", map.RootElement.GetProperty("board").GetString());
        string[] paths = map.RootElement.GetProperty("resources").EnumerateArray().Select(e => e.GetProperty("path").GetString()!).ToArray();
        Assert.Contains("/dev/gpio/bank0", paths);
        Assert.Contains("/data/app", paths);
    }

    [Fact]
    public void Cat_FwMapOnAQuirksBoard_ListsTheQuirks()
    {
        CliResult r = CliRun.InProcess("cat", "/fw/map", "--target", "emu:?bits=32&quirks=1");
        Assert.True(r.ExitCode == 0, r.ToString());
        using JsonDocument map = JsonDocument.Parse(r.Out);
        Assert.Contains(map.RootElement.GetProperty("resources").EnumerateArray(), e => e.GetProperty("path").GetString() == "/quirks/stingy");
    }

    [Fact]
    public void Cat_FwStatus_IsValidJson()
    {
        CliResult r = CliRun.InProcess("cat", "/fw/status");
        Assert.True(r.ExitCode == 0, r.ToString());
        using JsonDocument status = JsonDocument.Parse(r.Out);
        Assert.Equal(JsonValueKind.Object, status.RootElement.GetProperty("link").ValueKind);
    }

    [Fact]
    public void Cat_NotesJson_LengthIsStSizeAndTextIsTheFile()
    {
        CliResult r = CliRun.InProcess("cat", "/data/notes.txt", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        JsonElement j = r.Json();
        Assert.Equal(1024, CliRun.At(j, "length").GetInt32());
        Assert.Equal(2048, CliRun.At(j, "hex").GetString()!.Length);
        Assert.StartsWith("Gateway board notes.", CliRun.At(j, "text").GetString());
    }

    [Fact]
    public void Cat_TwoFramesOfData_ReadsThemAll()
    {
        // /data/app is 8192 bytes; with --hex every byte shows up as one of 512 lines of 16.
        CliResult r = CliRun.InProcess("cat", "/data/app", "--hex");
        Assert.True(r.ExitCode == 0, r.ToString());
        string[] lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(512, lines.Length);
        Assert.StartsWith("00001ff0  ", lines[^1]);
    }

    [Fact]
    public void Cat_Hex_DumpsTheElfHeaderOfBlink()
    {
        CliResult r = CliRun.InProcess("cat", "/fw/bin/blink", "--hex");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.StartsWith("00000000  7f 45 4c 46 ", r.Out);
        Assert.Contains("|.ELF", r.Out);
    }

    [Fact]
    public void Cat_PrivateFileAsAnotherUser_ExitsOneWithEACCES()
    {
        CliResult r = CliRun.InProcess("cat", "/data/private", "--uid", "5", "--gid", "5");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Contains("open /data/private: EACCES (13)", r.Error);
    }

    [Fact]
    public void Cat_GroupMember_ReadsAGroupReadableDevice()
    {
        // /dev/gpio/bank0 is 0660 0:20: uid 7 gets in through supplementary group 20.
        CliResult denied = CliRun.InProcess("cat", "/dev/gpio/bank0", "--uid", "7", "--gid", "7", "--json");
        CliResult allowed = CliRun.InProcess("cat", "/dev/gpio/bank0", "--uid", "7", "--gid", "7", "--groups", "3,20", "--json");
        Assert.Equal(1, denied.ExitCode);
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Equal(4096, CliRun.At(allowed.Json(), "length").GetInt32());
    }
}
