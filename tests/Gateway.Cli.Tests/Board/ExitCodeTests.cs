using System.Net;
using System.Net.Sockets;

namespace Gateway.Cli.Tests.Board;

/// <summary>The exit codes of cli.md for the board commands: 2 usage or input, 3 unreachable or refused.</summary>
public sealed class ExitCodeTests
{
    [Theory]
    [InlineData("bogus:")]
    [InlineData("emu:?bits=16")]
    [InlineData("emu:?colour=red")]
    [InlineData("tcp://127.0.0.1:7447?quirks=1")]
    public void BadTarget_ExitsTwoNamingIt(string target)
    {
        CliResult r = CliRun.InProcess("probe", "--target", target);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.StartsWith("gateway probe: error: ", r.Error); // the grammar's own words, as every command prints them
        Assert.Contains($"'{target}'", r.Error);
    }

    [Fact]
    public void MissingKeyFile_ExitsTwo()
    {
        CliResult r = CliRun.InProcess("stat", "/", "--key-file", "/nonexistent/gateway.key");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("/nonexistent/gateway.key", r.Error);
    }

    [Fact]
    public void TcpPortNobodyListensOn_ExitsThree()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        CliResult r = CliRun.InProcess("probe", "--target", $"tcp://127.0.0.1:{port}", "--key-file", KeyFiles.DevelopmentKeyFile);
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("unreachable", r.Error);
    }

    [Fact]
    public void WrongKeyAgainstATcpEmulatedBoard_ExitsThree()
    {
        using var board = new TcpEmulatedBoard();
        CliResult r = CliRun.InProcess("ls", "/", "--target", board.Target, "--key-file", KeyFiles.WrongKeyFile);
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("refused the key", r.Error);
        Assert.DoesNotContain("not-the-key", r.Error);
    }

    [Fact]
    public void RightKeyAgainstATcpEmulatedBoard_Succeeds()
    {
        using var board = new TcpEmulatedBoard();
        CliResult r = CliRun.InProcess("ls", "/dev/gpio", "-q", "--target", board.Target, "--key-file", KeyFiles.DevelopmentKeyFile);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("bank0", r.Out);
    }

    [Fact]
    public void BoardWithItsOwnKey_EmuDevelopmentKeyIsRefusedWithThree()
    {
        using var board = new TcpEmulatedBoard("--key-file", KeyFiles.WrongKeyFile);
        CliResult r = CliRun.InProcess("probe", "--target", board.Target, "--key-file", KeyFiles.DevelopmentKeyFile);
        Assert.Equal(3, r.ExitCode);
    }

    [Theory]
    [InlineData("--groups", "1,x")]
    [InlineData("--groups", "1,2,3,4,5,6,7,8,9")]
    [InlineData("--uid", "root")]
    [InlineData("--no-such-option", "1")]
    public void BadSharedOption_ExitsTwo(string option, string value)
    {
        Assert.Equal(2, CliRun.InProcess("stat", "/", option, value).ExitCode);
    }

    [Fact]
    public void MissingArgument_ExitsTwo()
    {
        Assert.Equal(2, CliRun.InProcess("peek", "/dev/gpio/bank0").ExitCode);
    }
}
