using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Gateway.Host.Targets.Child;

/// <summary>
/// The emulated board app (<c>gateway-emulated</c>, firmware/Gateway.Board.Emulated.App, built next to every program
/// that references it) in a child process: the <c>pty:</c> target's board and the bulk-read bench's. Its stdin is held
/// open because closing it is how the app is told to stop (it then releases its pty or port); a child that lingers
/// past the grace is killed, so a stop is bounded.
/// </summary>
public sealed class EmulatedBoardChild : IDisposable
{
    private const int KeptErrorLines = 20;
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);

    private readonly EmulatedBoardChildOptions options;
    private readonly Queue<string> errors = new();
    private Process? process;
    private bool started;

    public EmulatedBoardChild(EmulatedBoardChildOptions options)
    {
        this.options = options;
    }

    /// <summary>Where the app is looked for: beside the running program.</summary>
    public static string AppPath => Path.Combine(AppContext.BaseDirectory, "gateway-emulated.dll");

    /// <summary>What the app printed once ready: the pty slave's path, or the listener's ADDRESS:PORT; null before.</summary>
    public string? Address { get; private set; }

    /// <summary>
    /// Starts the app and waits until it has printed its address and "ready" (so the board is serving); returns the
    /// address. On failure the process is stopped and <see cref="EmulatedBoardChildException"/> says why;
    /// <paramref name="cancellationToken"/> cancelled throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<string> StartAsync(CancellationToken cancellationToken = default)
    {
        if (started)
        {
            throw new InvalidOperationException("an emulated board child is started once");
        }

        started = true;
        string app = AppPath;
        if (!File.Exists(app))
        {
            throw new EmulatedBoardChildException(EmulatedBoardChildFailure.NotBuilt, $"the emulated board app {app} is not built next to this program", string.Empty);
        }

        try
        {
            process = Process.Start(StartInfo(app));
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new EmulatedBoardChildException(EmulatedBoardChildFailure.NotStarted, $"could not start the emulated board app: {e.Message}", string.Empty);
        }

        if (process == null)
        {
            throw new EmulatedBoardChildException(EmulatedBoardChildFailure.NotStarted, "could not start the emulated board app", string.Empty);
        }

        process.ErrorDataReceived += (_, e) => KeepError(e.Data);
        process.BeginErrorReadLine();
        try
        {
            Address = await ReadAddressAsync(process.StandardOutput, cancellationToken).ConfigureAwait(false);
            return Address;
        }
        catch
        {
            Stop(TimeSpan.Zero);
            throw;
        }
    }

    /// <summary>
    /// Stops the app: closes its stdin and gives it <paramref name="grace"/> to exit, then kills it (with zero grace at
    /// once: a power cut, nothing closed in order). Safe to call again.
    /// </summary>
    public void Stop(TimeSpan grace)
    {
        Process? p = Interlocked.Exchange(ref process, null);
        if (p == null)
        {
            return;
        }

        try
        {
            if (grace > TimeSpan.Zero)
            {
                p.StandardInput.Close();
            }

            if (grace <= TimeSpan.Zero || !p.WaitForExit(grace))
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit(KillWait);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            // It had already exited (its stdin pipe broken, or no process left to kill).
        }

        p.Dispose();
    }

    /// <summary>Stops the app with <see cref="EmulatedBoardChildOptions.StopGrace"/>.</summary>
    public void Dispose() => Stop(options.StopGrace);

    private ProcessStartInfo StartInfo(string app)
    {
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(app);
        if (options.Tcp)
        {
            start.ArgumentList.Add("--tcp");
            start.ArgumentList.Add("127.0.0.1:0");
        }
        else
        {
            start.ArgumentList.Add("--pty");
        }

        start.ArgumentList.Add("--bits");
        start.ArgumentList.Add(options.Is64Bit ? "64" : "32");
        if (options.Quirks)
        {
            start.ArgumentList.Add("--quirks");
        }

        if (options.KeyFile != null)
        {
            start.ArgumentList.Add("--key-file");
            start.ArgumentList.Add(options.KeyFile);
        }

        return start;
    }

    /// <summary>Reads "pty PATH" or "tcp ADDRESS:PORT", then "ready" (other lines are passed over).</summary>
    private async Task<string> ReadAddressAsync(StreamReader output, CancellationToken cancellationToken)
    {
        string prefix = options.Tcp ? "tcp " : "pty ";
        string? address = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.StartTimeout);
        while (true)
        {
            string? line;
            try
            {
                line = await output.ReadLineAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw Failed(EmulatedBoardChildFailure.TimedOut, $"the emulated board app was not ready within {options.StartTimeout.TotalSeconds:0.#} s");
            }

            if (line == null)
            {
                await ExitedAsync(timeout.Token).ConfigureAwait(false);
                throw Failed(EmulatedBoardChildFailure.NotReady, $"the emulated board app exited before it was ready{(address == null ? " (it printed no address)" : "")}");
            }

            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                address = line[prefix.Length..].Trim();
            }
            else if (line == "ready")
            {
                return address ?? throw Failed(EmulatedBoardChildFailure.NotReady, $"the emulated board app was ready without printing \"{prefix}ADDRESS\"");
            }
        }
    }

    /// <summary>Waits for the app that closed its output to exit, so its last standard error lines are in the message.</summary>
    private async Task ExitedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await process!.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Still running without its output: report what there is.
        }
    }

    private EmulatedBoardChildException Failed(EmulatedBoardChildFailure failure, string message)
    {
        string tail = Errors();
        return new EmulatedBoardChildException(failure, tail.Length == 0 ? message + " (nothing on its standard error)" : message + ": " + tail, tail);
    }

    private void KeepError(string? line)
    {
        if (line == null)
        {
            return;
        }

        options.StandardError?.Invoke(line);
        lock (errors)
        {
            errors.Enqueue(line);
            if (errors.Count > KeptErrorLines)
            {
                errors.Dequeue();
            }
        }
    }

    private string Errors()
    {
        lock (errors)
        {
            return string.Join(" | ", errors);
        }
    }
}
