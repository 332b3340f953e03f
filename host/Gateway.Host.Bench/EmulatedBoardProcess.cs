using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Targets;

namespace Gateway.Host.Bench;

/// <summary>
/// The emulated board app (<c>gateway-emulated</c>, built next to this program) in a child process, started as the
/// <c>pty:</c> target starts it: <c>--pty</c> (or <c>--tcp 127.0.0.1:0</c>), the development key, stdin held open
/// (closing it stops the board). <see cref="Address"/> is what the app printed: the pty's path or ADDRESS:PORT.
/// </summary>
public sealed class EmulatedBoardProcess : IDisposable
{
    private readonly Process child;
    private readonly Queue<string> errors = new();

    private EmulatedBoardProcess(Process child, string address)
    {
        this.child = child;
        Address = address;
    }

    /// <summary>The pty slave's path (<c>--pty</c>) or the listener's ADDRESS:PORT (<c>--tcp</c>).</summary>
    public string Address { get; private set; }

    /// <summary>Starts the app on a pty (<paramref name="tcp"/> false) or on a free loopback port, and waits for its "ready".</summary>
    public static async Task<EmulatedBoardProcess> StartAsync(bool tcp, CancellationToken cancellationToken = default)
    {
        string app = Path.Combine(AppContext.BaseDirectory, "gateway-emulated.dll");
        if (!File.Exists(app))
        {
            throw new BenchException($"the emulated board app {app} is not built next to this program");
        }

        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(app);
        if (tcp)
        {
            start.ArgumentList.Add("--tcp");
            start.ArgumentList.Add("127.0.0.1:0");
        }
        else
        {
            start.ArgumentList.Add("--pty");
        }

        var child = Process.Start(start) ?? throw new BenchException("could not start the emulated board app");
        var board = new EmulatedBoardProcess(child, string.Empty);
        child.ErrorDataReceived += (_, e) => board.KeepError(e.Data);
        child.BeginErrorReadLine();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            string prefix = tcp ? "tcp " : "pty ";
            while (true)
            {
                string? line = await child.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false)
                    ?? throw new BenchException($"the emulated board app exited before it was ready: {board.Errors()}");
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    board.Address = line[prefix.Length..].Trim();
                }
                else if (line == "ready" && board.Address.Length > 0)
                {
                    return board;
                }
            }
        }
        catch
        {
            board.Dispose();
            throw;
        }
    }

    /// <summary>Closes the app's stdin (it stops and releases the pty or port) and waits for it; kills it if it lingers.</summary>
    public void Dispose()
    {
        try
        {
            child.StandardInput.Close();
            if (!child.WaitForExit(5000))
            {
                child.Kill(entireProcessTree: true);
                child.WaitForExit(5000);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
        }

        child.Dispose();
    }

    private void KeepError(string? line)
    {
        if (line == null)
        {
            return;
        }

        lock (errors)
        {
            errors.Enqueue(line);
            if (errors.Count > 20)
            {
                errors.Dequeue();
            }
        }
    }

    private string Errors()
    {
        lock (errors)
        {
            return errors.Count == 0 ? "(nothing on its standard error)" : string.Join(" | ", errors);
        }
    }
}
