using System;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Gateway.Cli.Tests.Board;

/// <summary>The board commands as a real process (<c>dotnet gateway.dll …</c>): standard streams and exit codes.</summary>
public sealed class BoardProcessTests
{
    [Fact]
    public void Process_StatJson_Size8192()
    {
        CliResult r = CliRun.Process(null, "stat", "/data/app", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(8192, CliRun.At(r.Json(), "stat.st_size").GetInt64());
    }

    [Fact]
    public void Process_CatFwMap_BytesOnStandardOutputAreJson()
    {
        CliResult r = CliRun.Process(null, "cat", "/fw/map");
        Assert.True(r.ExitCode == 0, r.ToString());
        using JsonDocument map = JsonDocument.Parse(r.Out);
        Assert.Equal("emulated", map.RootElement.GetProperty("board").GetString());
    }

    [Fact]
    public void Process_MmapSerialPort_ExitsOneWithENOSYS()
    {
        CliResult r = CliRun.Process(null, "mmap", "/dev/ser1", "--quiet");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("ENOSYS (89)", r.Error);
    }

    [Fact]
    public void Process_BadTarget_ExitsTwo()
    {
        CliResult r = CliRun.Process(null, "probe", "--target", "bogus:");
        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public void Process_EmulateThenItsPrintedConnectCommand_ReachesTheBoardWithNoKeyFile()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { CliRun.GatewayDll(), "emulate", "--tcp", "127.0.0.1:0", "--bits", "32", "--stop-on-eof" })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process board = Process.Start(start)!;
        board.ErrorDataReceived += (_, _) => { };
        board.BeginErrorReadLine();
        try
        {
            // Issue 12 item 3: exactly what emulate prints is enough to connect.
            string? line;
            do
            {
                line = board.StandardOutput.ReadLine();
            }
            while (line != null && !line.StartsWith("  connect: gateway ", StringComparison.Ordinal));

            Assert.NotNull(line);
            string command = line["  connect: gateway ".Length..line.IndexOf("   (", StringComparison.Ordinal)];
            Assert.Matches(@"^probe --target tcp://127\.0\.0\.1:\d+ --dev-key$", command);

            CliResult probe = CliRun.Process(null, [.. command.Split(' '), "--json"]);
            Assert.True(probe.ExitCode == 0, probe.ToString());
            Assert.Equal("emulated", CliRun.At(probe.Json(), "board.name").GetString());
            Assert.Equal(32, CliRun.At(probe.Json(), "info.bits").GetInt32());

            board.StandardInput.Close(); // --stop-on-eof: the board ends when its input does
            Assert.True(board.WaitForExit(30_000), "gateway emulate did not stop when its standard input closed");
            Assert.Equal(0, board.ExitCode);
        }
        finally
        {
            if (!board.HasExited)
            {
                board.Kill(entireProcessTree: true);
            }
        }
    }
}
