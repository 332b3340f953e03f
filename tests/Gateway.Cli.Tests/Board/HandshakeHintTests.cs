using System;
using System.Linq;
using System.Threading;
using Gateway.Transports.Desktop.Pty;

namespace Gateway.Cli.Tests.Board;

/// <summary>
/// A board that cannot be reached: the one error line (exit 3, as before), then a short block of likely causes
/// and the next step, told apart by what came back — nothing (a silent serial port), bytes that never formed a
/// frame (a wrong line speed), or a refusal of the key. Over real pseudo-terminals and real loopback TCP.
/// </summary>
public sealed class HandshakeHintTests
{
    private static string[] Hints(CliResult r) =>
        r.Error.Split('\n').Where(l => l.StartsWith("hint: ", StringComparison.Ordinal)).ToArray();

    [Fact]
    public void SilentSerialPort_ExitsThree_HintsFirmwarePortBaudAndVerbose()
    {
        using PseudoTerminal pty = PseudoTerminal.Open(holdSlaveOpen: true); // nobody answers on the master
        CliResult r = CliRun.InProcess("probe", "--target", $"serial:{pty.SlavePath}", "--key-file", KeyFiles.DevelopmentKeyFile);
        Assert.True(r.ExitCode == 3, r.ToString());
        Assert.Equal("", r.Out);
        Assert.Contains("error: target serial:" + pty.SlavePath + ": the board did not complete the handshake in 5 attempts: nothing came back", r.Error, StringComparison.Ordinal);
        string hints = string.Join("\n", Hints(r));
        Assert.Contains("firmware", hints, StringComparison.Ordinal);
        Assert.Contains($"{pty.SlavePath} is not the board's port", hints, StringComparison.Ordinal);
        Assert.Contains("this run used 115200 baud", hints, StringComparison.Ordinal);
        Assert.EndsWith("hint: next: run the same command with -v to see the handshake attempt by attempt.", Hints(r)[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void GarbledSerialPort_AsAWrongBaudRateMakesIt_HintsTheLineSpeed()
    {
        using PseudoTerminal pty = PseudoTerminal.Open(holdSlaveOpen: true);
        using var stop = new CancellationTokenSource();

        // What a board at another line speed sends back: bytes, with the frame delimiter among them, never a frame.
        var noise = new Thread(() =>
        {
            var random = new Random(12);
            byte[] bytes = new byte[48];
            while (!stop.IsCancellationRequested)
            {
                random.NextBytes(bytes);
                bytes[0] = 0;
                pty.MasterStream.Write(bytes);
                Thread.Sleep(50);
            }
        })
        { IsBackground = true };
        noise.Start();
        CliResult r = CliRun.InProcess("ls", "/", "--target", $"serial:{pty.SlavePath}?baud=9600", "--key-file", KeyFiles.DevelopmentKeyFile);
        stop.Cancel();
        noise.Join(2000);
        Assert.True(r.ExitCode == 3, r.ToString());
        Assert.Contains("bytes came back but not one frame", r.Error, StringComparison.Ordinal);
        string hints = string.Join("\n", Hints(r));
        Assert.Contains("most likely the line speed differs from the firmware's", hints, StringComparison.Ordinal);
        Assert.Contains("this run used 9600 baud", hints, StringComparison.Ordinal);
        Assert.Contains("-v", hints, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongKey_ExitsThree_HintsTheKeyFile()
    {
        using var board = new TcpEmulatedBoard();
        CliResult r = CliRun.InProcess("probe", "--target", board.Target, "--key-file", KeyFiles.WrongKeyFile);
        Assert.Equal(3, r.ExitCode);
        string hints = string.Join("\n", Hints(r));
        Assert.Contains("the board holds another key than this one", hints, StringComparison.Ordinal);
        Assert.Contains("--key-file PATH or $GATEWAY_KEY_FILE", hints, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-key", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongKey_Verbose_DoesNotSuggestVerbose_Quiet_PrintsNoHints()
    {
        using var board = new TcpEmulatedBoard();
        CliResult verbose = CliRun.InProcess("probe", "--target", board.Target, "--key-file", KeyFiles.WrongKeyFile, "-v");
        CliResult quiet = CliRun.InProcess("probe", "--target", board.Target, "--key-file", KeyFiles.WrongKeyFile, "-q");
        Assert.Equal(3, verbose.ExitCode);
        Assert.Equal(3, quiet.ExitCode);
        Assert.NotEmpty(Hints(verbose));
        Assert.DoesNotContain(Hints(verbose), h => h.Contains("-v", StringComparison.Ordinal));
        Assert.Empty(Hints(quiet));
        Assert.Contains("refused the key", quiet.Error, StringComparison.Ordinal);
    }
}
