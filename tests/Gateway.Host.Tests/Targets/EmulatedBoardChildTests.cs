using System;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Targets;
using Gateway.Host.Targets.Child;

namespace Gateway.Host.Tests.Targets;

/// <summary>
/// The emulated board app in a real child process, as the <c>pty:</c> target and the bulk-read bench start it: the
/// address it prints once ready, its standard error in failures, a bounded stop.
/// </summary>
public sealed class EmulatedBoardChildTests
{
    [Fact]
    public async Task StartAsync_Pty_ReturnsTheSlavePathOnceReady()
    {
        using var child = new EmulatedBoardChild(new EmulatedBoardChildOptions { Is64Bit = false, Quirks = true });

        string path = await child.StartAsync();

        Assert.StartsWith("/dev/pts/", path, StringComparison.Ordinal);
        Assert.True(System.IO.File.Exists(path), path);
        Assert.Equal(path, child.Address);
    }

    [Fact]
    public async Task StartAsync_Tcp_ServesThePrintedPortUntilDisposed()
    {
        var child = new EmulatedBoardChild(new EmulatedBoardChildOptions { Tcp = true });
        string address = await child.StartAsync();
        int port = int.Parse(address[(address.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("127.0.0.1:", address, StringComparison.Ordinal);
        using (var client = new TcpClient())
        {
            await client.ConnectAsync("127.0.0.1", port);
        }

        child.Dispose();
        child.Dispose(); // a second stop is nothing

        using var late = new TcpClient();
        var refused = await Assert.ThrowsAsync<SocketException>(() => late.ConnectAsync("127.0.0.1", port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public async Task StartAsync_MissingKeyFile_FailsNotReadyWithTheAppsStandardError()
    {
        var lines = new ConcurrentQueue<string>();
        using var child = new EmulatedBoardChild(new EmulatedBoardChildOptions { KeyFile = "/nonexistent/gateway.key", StandardError = lines.Enqueue });

        var e = await Assert.ThrowsAsync<EmulatedBoardChildException>(() => child.StartAsync());

        Assert.Equal(EmulatedBoardChildFailure.NotReady, e.Failure);
        Assert.Contains("gateway-emulated: ", e.StandardError, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/gateway.key", e.Message, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("gateway-emulated: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_NotReadyWithinTheTimeout_FailsTimedOut()
    {
        // A process takes far longer than a millisecond to start a .NET app and open a pty.
        using var child = new EmulatedBoardChild(new EmulatedBoardChildOptions { StartTimeout = TimeSpan.FromMilliseconds(1) });

        var e = await Assert.ThrowsAsync<EmulatedBoardChildException>(() => child.StartAsync());

        Assert.Equal(EmulatedBoardChildFailure.TimedOut, e.Failure);
        Assert.Null(child.Address);
    }

    [Fact]
    public async Task StartAsync_CallerCancelled_ThrowsOperationCanceledNotTimedOut()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        using var child = new EmulatedBoardChild(new EmulatedBoardChildOptions());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => child.StartAsync(cancelled.Token));
    }

    [Fact]
    public async Task PtyTarget_BoardNotReadyWithinTheConnectTimeout_IsUnreachableSayingSo()
    {
        await using var target = TargetRegistry.Create("pty:", new TargetSettings { ConnectTimeout = TimeSpan.FromMilliseconds(1) });

        var e = await Assert.ThrowsAsync<TargetUnreachableException>(() => target.OpenSessionAsync(TargetRequirements.None));

        Assert.Contains("the emulated board did not print its pty within", e.Message, StringComparison.Ordinal);
    }
}
