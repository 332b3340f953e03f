using System;
using System.Linq;

namespace Gateway.Cli.Tests.Parsing;

/// <summary>
/// Command lines that do not parse: exit 2, one line per mistake in the command's words, then the command's usage
/// (cli.md "Exit codes"); nothing runs and standard output stays empty.
/// </summary>
public sealed class UsageErrorTests
{
    /// <summary>Every command with the arguments it needs, so that only the unknown option is wrong.</summary>
    public static readonly TheoryData<string, string[]> EveryCommand = new()
    {
        { "conform", [] },
        { "run", ["scenario.json"] },
        { "wire decode", ["--type", "stat", "--form", "t64_2008", "00"] },
        { "wire encode", ["--type", "stat", "--form", "t64_2008", "{}"] },
        { "wire types", [] },
        { "probe", [] },
        { "ls", ["/"] },
        { "stat", ["/"] },
        { "cat", ["/fw/info"] },
        { "mmap", ["/dev/gpio/bank0"] },
        { "peek", ["/dev/gpio/bank0", "0x30"] },
        { "poke", ["/dev/gpio/bank0", "0x04", "1"] },
        { "watch", [] },
        { "emulate", ["--tcp", "127.0.0.1:0"] },
        { "bench", [] },
    };

    private static CliResult Run(string command, string[] arguments, params string[] more) =>
        CliRun.InProcess([.. command.Split(' '), .. arguments, .. more]);

    private static void AssertUsageError(CliResult r, string command, string firstLine)
    {
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal("", r.Out);
        string[] lines = r.Error.Split('\n');
        Assert.Equal($"gateway {command}: error: {firstLine}", lines[0]);
        Assert.Contains("Usage:", r.Error, StringComparison.Ordinal);
        Assert.Matches($@"\n  \S+ {command}[ \n]", r.Error); // the command's own usage line, not the root's
        Assert.Contains($"Run 'gateway {command} --help'", r.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public void UnknownOption_EveryCommand_ExitsTwoWithItsUsage(string command, string[] arguments)
    {
        CliResult r = Run(command, arguments, "--bogus");
        AssertUsageError(r, command, "unknown option '--bogus'");
        Assert.DoesNotContain("ENOENT", r.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ls")]
    [InlineData("stat")]
    [InlineData("cat")]
    [InlineData("mmap")]
    public void UnknownOption_InThePathSlot_IsNotAPath(string command)
    {
        // The parser hands a token naming no option to the next argument: it must not become the path /--bogus.
        CliResult r = CliRun.InProcess(command, "--bogus");
        AssertUsageError(r, command, "unknown option '--bogus'");
        Assert.DoesNotContain("/--bogus", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOption_BeforeAnArgument_IsNamedFirst()
    {
        CliResult r = CliRun.InProcess("peek", "/dev/gpio/bank0", "--bogus", "0x30");
        AssertUsageError(r, "peek", "unknown option '--bogus'");
    }

    [Fact]
    public void UnknownOption_AfterAManyValuedOption_IsNotOneOfItsValues()
    {
        CliResult r = CliRun.InProcess("conform", "--only", "RM-13", "--bogus");
        AssertUsageError(r, "conform", "unknown option '--bogus'");
    }

    [Theory]
    [InlineData("ls", new[] { "foo" })]
    [InlineData("stat", new[] { "data/app" })]
    [InlineData("cat", new[] { "fw/info" })]
    [InlineData("mmap", new[] { "dev/gpio/bank0" })]
    [InlineData("peek", new[] { "dev/gpio/bank0", "0x30" })]
    [InlineData("poke", new[] { "dev/gpio/bank0", "0x04", "1" })]
    public void RelativePath_EveryBoardCommand_IsAUsageErrorSayingPathsAreAbsolute(string command, string[] arguments)
    {
        CliResult r = CliRun.InProcess([command, .. arguments]);
        AssertUsageError(r, command, $"PATH '{arguments[0]}' is relative: board paths are absolute (there is no working directory on the board), e.g. /{arguments[0]}");
    }

    [Theory]
    [InlineData("/data/a\u0000b")]
    [InlineData("/fw/\u001b[2Jinfo")]
    [InlineData("")]
    public void MalformedPath_IsAUsageError(string path)
    {
        CliResult r = CliRun.InProcess("stat", path);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith("gateway stat: error: PATH ", r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", r.Error, StringComparison.Ordinal); // a control character never reaches the terminal
    }

    [Fact]
    public void NegativeNumber_IsNotTakenForAnOption_ItsOwnCheckAnswers()
    {
        CliResult r = CliRun.InProcess("peek", "/dev/gpio/bank0", "-1");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("OFFSET: '-1' is not a number", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_OneLineThenTheRootUsage()
    {
        CliResult r = CliRun.InProcess("frobnicate");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Out);
        string[] errors = r.Error.Split('\n').Where(l => l.Contains("error:", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["gateway: error: unrecognized command 'frobnicate'"], errors);
        Assert.DoesNotContain("Required command", r.Error, StringComparison.Ordinal);
        Assert.Contains("Usage:", r.Error, StringComparison.Ordinal);
        Assert.Contains("Commands:", r.Error, StringComparison.Ordinal);
        Assert.Contains("  peek <PATH> <OFFSET>", r.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "gateway")]
    [InlineData(new[] { "wire" }, "gateway wire")]
    public void NoCommand_SaysACommandIsNeededAndListsThem(string[] args, string name)
    {
        CliResult r = CliRun.InProcess(args);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"{name}: error: '{name}' needs a command (listed below)\n", r.Error.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Commands:", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void LsHelp_ShowsTheDefaultPathOnce()
    {
        CliResult r = CliRun.InProcess("ls", "--help");
        Assert.Equal(0, r.ExitCode);
        string pathLine = r.Out.Split('\n').Single(l => l.TrimStart().StartsWith("<PATH>", StringComparison.Ordinal));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(pathLine, "default"));
        Assert.Contains("[default: /]", pathLine, StringComparison.Ordinal);
    }
}
