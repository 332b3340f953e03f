using System.Text.Json;

namespace Gateway.Cli.Tests.Board;

/// <summary><c>gateway stat</c>: the _IO_STAT body by C member names, checked against the board's namespace (board-resources.md).</summary>
public sealed class StatCommandTests
{
    private const int SIfmt = 0xF000;
    private const int SIfreg = 0x8000;

    private static JsonElement Stat(params string[] args)
    {
        CliResult r = CliRun.InProcess(["stat", .. args, "--json"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.Json();
    }

    [Fact]
    public void Stat_DataApp_Size8192Mode0755Owner100()
    {
        JsonElement j = Stat("/data/app");
        Assert.Equal("/data/app", CliRun.At(j, "path").GetString());
        Assert.Equal("t64_2008", CliRun.At(j, "form").GetString());
        Assert.Equal(120, CliRun.At(j, "body_bytes").GetInt32());
        Assert.Equal(8192, CliRun.At(j, "stat.st_size").GetInt64());
        int mode = CliRun.At(j, "stat.st_mode").GetInt32();
        Assert.Equal(SIfreg, mode & SIfmt);
        Assert.Equal(0x1ED, mode & 0xFFF); // 0755
        Assert.Equal(100, CliRun.At(j, "stat.st_uid").GetInt32());
        Assert.Equal(100, CliRun.At(j, "stat.st_gid").GetInt32());
        Assert.Equal(16, CliRun.At(j, "stat.st_blocks").GetInt64());
        Assert.Equal("0755", CliRun.At(j, "stat.st_mode_names[1]").GetString());
    }

    [Theory]
    [InlineData("t32_2001", 72, "st_mtime")]
    [InlineData("t32_2008", 96, "st_mtim.tv_nsec")]
    [InlineData("t64_2008", 120, "st_ctim.tv_sec")]
    public void Stat_FormOption_AnswersInThatForm(string form, int bytes, string member)
    {
        JsonElement j = Stat("/dev/gpio/bank0", "--form", form);
        Assert.Equal(form, CliRun.At(j, "form").GetString());
        Assert.Equal(bytes, CliRun.At(j, "body_bytes").GetInt32());
        Assert.Equal(JsonValueKind.Number, CliRun.At(j, "stat." + member).ValueKind);
        Assert.Equal(4096, CliRun.At(j, "stat.st_size").GetInt64());
    }

    [Fact]
    public void Stat_ThirtyTwoBitBoard_PreferredFormIsT32_2001()
    {
        JsonElement j = Stat("/data/app", "--target", "emu:?bits=32");
        Assert.Equal("t32_2001", CliRun.At(j, "form").GetString());
        Assert.Equal(72, CliRun.At(j, "body_bytes").GetInt32());
    }

    [Fact]
    public void Stat_FixedFormFile_AnswersItsOwnForm()
    {
        Assert.Equal("t32_2008", CliRun.At(Stat("/data/form32"), "form").GetString());
    }

    [Fact]
    public void Stat_OtherUsersPrivateFile_SucceedsWithoutAccess()
    {
        // stat() asks for no access (rules.md §5), so a 0600 file of uid 100 stats for uid 5.
        JsonElement j = Stat("/data/private", "--uid", "5", "--gid", "5");
        Assert.Equal(4096, CliRun.At(j, "stat.st_size").GetInt64());
    }

    [Fact]
    public void Stat_MissingPath_ExitsOneWithENOENT()
    {
        CliResult r = CliRun.InProcess("stat", "/data/nope");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Contains("stat /data/nope: ENOENT (2)", r.Error);
    }

    [Fact]
    public void Stat_UnknownForm_ExitsTwo()
    {
        CliResult r = CliRun.InProcess("stat", "/data/app", "--form", "t16");
        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public void Stat_Human_PrintsMembersWithModeNames()
    {
        CliResult r = CliRun.InProcess("stat", "/dev/shmem/scratch");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("st_rdev", r.Out);
        Assert.Contains("S_IFNAM 0666", r.Out);
    }
}
