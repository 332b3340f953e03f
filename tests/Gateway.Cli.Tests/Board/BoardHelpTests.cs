namespace Gateway.Cli.Tests.Board;

/// <summary><c>--help</c> on every board command, and the root listing them.</summary>
public sealed class BoardHelpTests
{
    public static readonly TheoryData<string> BoardCommands = new() { "probe", "ls", "stat", "cat", "mmap", "peek", "poke", "watch" };

    [Theory]
    [MemberData(nameof(BoardCommands))]
    public void Help_BoardCommand_DescribesItAndTheSharedOptions(string command)
    {
        CliResult r = CliRun.InProcess(command, "--help");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("Usage:", r.Out);
        Assert.Matches($@"\n  \S+ {command} ", r.Out);
        foreach (string option in new[] { "--target", "--key-file", "--json", "--quiet", "--uid", "--gid", "--groups" })
        {
            Assert.Contains(option, r.Out);
        }
    }

    [Fact]
    public void Help_Emulate_DescribesPtyTcpBitsQuirksAndKey()
    {
        CliResult r = CliRun.InProcess("emulate", "--help");
        Assert.True(r.ExitCode == 0, r.ToString());
        foreach (string option in new[] { "--pty", "--tcp", "--bits", "--quirks", "--key-file", "--stop-on-eof" })
        {
            Assert.Contains(option, r.Out);
        }
    }

    [Fact]
    public void Help_Root_ListsEveryBoardCommand()
    {
        CliResult r = CliRun.InProcess("--help");
        Assert.True(r.ExitCode == 0, r.ToString());
        foreach (string command in new[] { "probe", "ls", "stat", "cat", "mmap", "peek", "poke", "watch", "emulate" })
        {
            Assert.Contains("  " + command, r.Out);
        }
    }
}
