using System.IO.Compression;
using System.Linq;

namespace Gateway.Cli.Tests.Tool;

/// <summary>
/// Issue 12 item 2, a real <c>gateway</c> command: the tool package installs with <c>dotnet tool install</c> and the
/// installed command works from outside the repository, including the <c>pty:</c> target, whose emulated board runs as
/// a child process found beside the installed gateway.dll.
/// </summary>
public sealed class InstalledToolTests(InstalledTool tool) : IClassFixture<InstalledTool>
{
    [Fact]
    public void Pack_CliProject_MakesOneToolPackageWithTheEmulatedBoardApp()
    {
        Assert.True(tool.Pack.ExitCode == 0, tool.Pack.ToString());
        Assert.NotNull(tool.Package);
        using ZipArchive zip = ZipFile.OpenRead(tool.Package!);
        string[] names = zip.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains("tools/net10.0/any/DotnetToolSettings.xml", names);
        Assert.Contains("tools/net10.0/any/gateway.dll", names);
        Assert.Contains("tools/net10.0/any/gateway-emulated.dll", names);
        Assert.Contains("tools/net10.0/any/gateway-emulated.runtimeconfig.json", names);
    }

    [Fact]
    public void Install_ToolPath_InstallsTheGatewayCommand()
    {
        Assert.True(tool.Install.ExitCode == 0, tool.Install.ToString());
        Assert.True(System.IO.File.Exists(tool.Command), $"no command shim at {tool.Command}\n{tool.Install}");
    }

    [Fact]
    public void InstalledGateway_Help_ListsTheBoardCommands()
    {
        CliResult r = tool.Run("--help");
        Assert.True(r.ExitCode == 0, r.ToString());
        foreach (string command in new[] { "conform", "probe", "ls", "mmap", "peek", "poke", "watch", "emulate" })
        {
            Assert.Contains("  " + command, r.Out);
        }
    }

    [Fact]
    public void InstalledGateway_StatOnEmu_PrintsTheSize()
    {
        CliResult r = tool.Run("stat", "/data/app", "--json", "--target", "emu:");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(8192, CliRun.At(r.Json(), "stat.st_size").GetInt64());
    }

    [Fact]
    public void InstalledGateway_ProbeOnPty_StartsTheEmulatedBoardBesideIt()
    {
        CliResult r = tool.Run("probe", "--json", "--target", "pty:?bits=32");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("emulated", CliRun.At(r.Json(), "board.name").GetString());
        Assert.Equal(32, CliRun.At(r.Json(), "info.bits").GetInt32());
    }
}
