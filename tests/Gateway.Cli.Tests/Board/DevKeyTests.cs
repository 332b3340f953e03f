using System;
using System.IO;
using System.Net;
using System.Threading;
using Gateway.Board.Emulated;
using Gateway.Protocol.Desktop.Platform;
using Gateway.Protocol.Link;
using Gateway.Transports.Desktop.Tcp;

namespace Gateway.Cli.Tests.Board;

/// <summary>
/// Issue 12 item 3 at the command line: <c>--dev-key</c> / <c>?key=dev</c> reach an emulated board with nothing else,
/// and against a board that announces itself as hardware fail with one line and exit 3.
/// </summary>
public sealed class DevKeyTests
{
    [Theory]
    [InlineData("--dev-key")]
    [InlineData("?key=dev")]
    public void Probe_DevKeyAgainstEmulatedTcpBoard_Connects(string how)
    {
        using var board = new TcpEmulatedBoard();
        CliResult r = how == "--dev-key"
            ? CliRun.InProcess("probe", "--json", "--target", board.Target, "--dev-key")
            : CliRun.InProcess("probe", "--json", "--target", board.Target + how);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("emulated", CliRun.At(r.Json(), "board.name").GetString());
    }

    [Fact]
    public void Probe_DevKeyAgainstABoardAnnouncingHardware_OneLineExitThree()
    {
        using var board = new HardwareAnnouncingBoard();

        CliResult r = CliRun.InProcess("probe", "--target", $"tcp://{board.EndPoint}", "--dev-key");

        Assert.Equal(3, r.ExitCode);
        Assert.Equal("", r.Out);
        string[] lines = r.Error.TrimEnd().Split('\n');
        Assert.True(lines.Length == 1, r.Error);
        Assert.StartsWith("gateway probe: error: target tcp://", lines[0]);
        Assert.Contains("the development key is only for emulated boards, and 'esp32-devkitc' (ESP32-DevKitC) announces itself as a hardware board: give its key with --key-file PATH", lines[0]);
        Assert.Equal(0, board.Link.Counters.Get(LinkCounter.SessionsOpened));
    }

    [Fact]
    public void Probe_DevKeyWithKeyFile_IsAUsageError()
    {
        CliResult r = CliRun.InProcess("probe", "--target", "tcp://127.0.0.1:7447", "--dev-key", "--key-file", KeyFiles.DevelopmentKeyFile);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not both", r.Error);
    }

    /// <summary>
    /// The emulated board's namespace behind a link that says hardware (as the Pi and ESP32 apps do) and, unlike them,
    /// holds the development key: the host must refuse it on what it announces, not on a failed proof.
    /// </summary>
    private sealed class HardwareAnnouncingBoard : IDisposable
    {
        private readonly EmulatedBoard emulated = new(new EmulatedBoardOptions());
        private readonly TcpBoardListener listener = new(new IPEndPoint(IPAddress.Loopback, 0), maxConnections: 2);
        private readonly CancellationTokenSource stop = new();
        private readonly Thread accept;

        public HardwareAnnouncingBoard()
        {
            var config = BoardLinkConfig.Esp32();
            config.BoardName = "esp32-devkitc";
            config.BoardModel = "ESP32-DevKitC";
            config.Threads = BackgroundThreads.Instance;
            Assert.Equal(BoardKind.Hardware, config.Kind);
            Link = new BoardLink(config, emulated.Rm, new BclHmac(DevelopmentKey.Create()), SystemClock.Instance,
                new ConsoleLog("board", quiet: true, writer: TextWriter.Null), BootIds.Create());
            accept = new Thread(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var stream = listener.Accept(100);
                    if (stream != null)
                    {
                        new Thread(() => Link.Serve(stream)) { IsBackground = true }.Start();
                    }
                }
            }) { IsBackground = true };
            accept.Start();
        }

        public BoardLink Link { get; }

        public IPEndPoint EndPoint => listener.LocalEndPoint;

        public void Dispose()
        {
            stop.Cancel();
            accept.Join(5000);
            Link.Stop();
            listener.Dispose();
            stop.Dispose();
            emulated.Dispose();
        }
    }
}
