using System.Text.RegularExpressions;

namespace Gateway.Cli.Tests.Board;

/// <summary><c>gateway emulate</c> in process: its usage errors, and a TCP board that stops when standard input ends.</summary>
public sealed class EmulateCommandTests
{
    [Fact]
    public void Emulate_TcpWithStopOnEof_PrintsTheAddressAndReadyThenEnds()
    {
        // The in-process console's standard input is empty, so --stop-on-eof stops the board at once.
        CliResult r = CliRun.InProcess("emulate", "--tcp", "127.0.0.1:0", "--stop-on-eof", "--bits", "32", "--quirks");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Matches(new Regex(@"^tcp 127\.0\.0\.1:\d+$", RegexOptions.Multiline), r.Out);
        Assert.Contains("ready", r.Out);
    }

    [Theory]
    [InlineData]
    [InlineData("--bits", "32")]
    [InlineData("--tcp", "not-an-endpoint")]
    [InlineData("--tcp", "127.0.0.1:0", "--bits", "16")]
    public void Emulate_BadUsage_ExitsTwo(params string[] args)
    {
        CliResult r = CliRun.InProcess(["emulate", .. args]);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void Emulate_TcpWithDevelopmentKey_PrintsTheFullConnectCommandWithDevKey()
    {
        // Issue 12 item 3: what emulate prints is enough to connect.
        CliResult r = CliRun.InProcess("emulate", "--tcp", "127.0.0.1:0", "--stop-on-eof");
        Assert.True(r.ExitCode == 0, r.ToString());
        Match address = Regex.Match(r.Out, @"^tcp (127\.0\.0\.1:\d+)$", RegexOptions.Multiline);
        Assert.True(address.Success, r.Out);
        Assert.Contains($"  connect: gateway probe --target tcp://{address.Groups[1].Value} --dev-key   (TCP takes several clients at once", r.Out);
    }

    [Fact]
    public void Emulate_PtyAndTcpTogether_ServesBothAndSaysAPtyTakesOneClient()
    {
        CliResult r = CliRun.InProcess("emulate", "--pty", "--tcp", "127.0.0.1:0", "--stop-on-eof");
        Assert.True(r.ExitCode == 0, r.ToString());
        Match pty = Regex.Match(r.Out, @"^pty (/dev/\S+)$", RegexOptions.Multiline);
        Assert.True(pty.Success, r.Out);
        Assert.Contains($"  connect: gateway probe --target serial:{pty.Groups[1].Value} --dev-key   (a pty takes one client at a time", r.Out);
        Assert.Matches(new Regex(@"^tcp 127\.0\.0\.1:\d+$", RegexOptions.Multiline), r.Out);
        Assert.EndsWith("ready" + System.Environment.NewLine, r.Out);
    }

    [Fact]
    public void Emulate_WithKeyFile_ConnectCommandCarriesTheKeyFile()
    {
        CliResult r = CliRun.InProcess("emulate", "--tcp", "127.0.0.1:0", "--key-file", KeyFiles.WrongKeyFile, "--stop-on-eof");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains($" --key-file {KeyFiles.WrongKeyFile}   (", r.Out);
        Assert.DoesNotContain("--dev-key", r.Out);
    }

    [Fact]
    public void Emulate_MissingKeyFile_ExitsTwo()
    {
        CliResult r = CliRun.InProcess("emulate", "--tcp", "127.0.0.1:0", "--key-file", "/nonexistent/gateway.key", "--stop-on-eof");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("gateway emulate: error:", r.Error);
    }
}
