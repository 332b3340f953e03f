using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Board.Emulated;

namespace Gateway.Host.Tests.Targets;

/// <summary>
/// The board <c>gateway emulate</c> serves, run in a thread of the test process: started with the app's own arguments,
/// its address taken from the line it prints (<c>pty PATH</c>, <c>tcp ADDRESS:PORT</c>), and on dispose stopped and its
/// thread's end awaited (bounded), so no async test blocks a pool thread on it.
/// </summary>
internal sealed class ServedBoardApp : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Thread app;

    private ServedBoardApp(string[] args, LineWriter output)
    {
        app = new Thread(() => EmulatedBoardApp.Run(args, output, TextWriter.Null, stop.Token)) { IsBackground = true, Name = "served-board-app" };
        app.Start();
    }

    /// <summary>What the app printed after <c>pty </c> or <c>tcp </c>: the pty's path, or ADDRESS:PORT.</summary>
    public string Address { get; private set; } = string.Empty;

    /// <summary>Serves on a new pseudo-terminal (<c>--pty</c>); <see cref="Address"/> is its path.</summary>
    public static Task<ServedBoardApp> PtyAsync() => StartAsync("pty", "--pty");

    /// <summary>Serves TCP on a free loopback port; <see cref="Address"/> is 127.0.0.1:PORT.</summary>
    public static Task<ServedBoardApp> TcpAsync() => StartAsync("tcp", "--tcp", "127.0.0.1:0");

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        try
        {
            await Poll.UntilEndedAsync(app, 5000, "the emulated board app did not end once stopped");
        }
        finally
        {
            stop.Dispose();
        }
    }

    private static async Task<ServedBoardApp> StartAsync(string kind, params string[] args)
    {
        var output = new LineWriter();
        var board = new ServedBoardApp(args, output);
        try
        {
            board.Address = (await output.WaitForAsync(kind + " "))[(kind.Length + 1)..].Trim();
            return board;
        }
        catch
        {
            await board.DisposeAsync();
            throw;
        }
    }
}
