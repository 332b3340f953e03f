using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Board.Emulated;
using Gateway.Host.Board;
using Gateway.Host.Link;
using Gateway.Protocol.Link;
using Gateway.Protocol.Platform;
using Gateway.Transports.Desktop;
using Gateway.Transports.Desktop.Serial;
using Gateway.Transports.Desktop.Tcp;

namespace Gateway.Host.Targets;

/// <summary>How the harness reaches a board besides the URI: the key, timeouts, a log.</summary>
public sealed record TargetOptions
{
    /// <summary>The key file (<c>--key-file</c>); else <c>GATEWAY_KEY_FILE</c>; else the development key for emu:/pty:.</summary>
    public string? KeyFile { get; init; }

    /// <summary>A key given directly (tests); wins over the key file.</summary>
    public byte[]? Key { get; init; }

    public Action<string>? Log { get; init; }

    /// <summary>How long to wait for the board (the pty child to start, the handshake).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The link client's settings besides the key (retransmits, window…); null for the defaults.</summary>
    public LinkClientOptions? Link { get; init; }
}

/// <summary>Why a target could not be used: bad input (exit 2) or unreachable / refused (exit 3).</summary>
public sealed class TargetException(string message, bool usage, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True for a usage or input error (exit 2), false when the board was unreachable or refused us (exit 3).</summary>
    public bool IsUsageError { get; } = usage;
}

/// <summary>
/// A board the harness talks to, named by a target URI (system.md §5): <c>emu:</c> (the emulated board in this
/// process), <c>pty:</c> (the emulated board in a child process over a real pseudo-terminal),
/// <c>serial:PATH?baud=N</c>, <c>tcp://HOST:PORT</c>; emu: and pty: take <c>bits=32</c> and <c>quirks=1</c>.
/// It owns the transport-level resources; each <see cref="OpenSessionAsync"/> is a fresh, authenticated link
/// session (the conformance suite runs every scenario in its own).
/// </summary>
public sealed class BoardTarget : IAsyncDisposable
{
    private readonly TargetOptions options;
    private readonly byte[] key;
    private readonly System.Collections.Generic.List<(BoardPlug Plug, Thread Server)> served = new();
    private EmulatedBoard? inProcess;
    private Process? child;
    private Stream? sharedStream;
    private LinkClient? current;

    private BoardTarget(TransportUri uri, TargetOptions options, byte[] key)
    {
        Uri = uri;
        this.options = options;
        this.key = key;
    }

    public TransportUri Uri { get; }

    /// <summary>The emulated board when the target is <c>emu:</c> (tests reach into it).</summary>
    public EmulatedBoard? EmulatedBoard => inProcess;

    /// <summary>Parses the URI and resolves the key; throws <see cref="TargetException"/> for bad input.</summary>
    public static BoardTarget Create(string target, TargetOptions? options = null)
    {
        options ??= new TargetOptions();
        TransportUri uri;
        try
        {
            uri = TransportUri.Parse(target);
        }
        catch (TransportUriException e)
        {
            throw new TargetException($"bad target '{target}': {e.Message}", usage: true, e);
        }

        bool emulated = uri.Scheme is TransportScheme.Emulated or TransportScheme.Pty;
        foreach (var (name, value) in uri.Options)
        {
            bool known = (name == "bits" && value is "32" or "64") || (name == "quirks" && value is "0" or "1");
            bool inProcessOnly = uri.Scheme == TransportScheme.Emulated &&
                ((name == "faults" && double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double rate) && rate >= 0 && rate <= 0.2) ||
                 (name == "seed" && int.TryParse(value, out _)));
            if (!emulated || !(known || inProcessOnly))
            {
                throw new TargetException($"bad target '{target}': option '{name}={value}' is not one of bits=32|64, quirks=0|1 (emu: and pty:), faults=RATE (0 … 0.2) and seed=N (emu: only)", usage: true);
            }
        }

        byte[] key;
        if (options.Key != null)
        {
            key = options.Key;
        }
        else
        {
            string? file = LinkKeyFile.Resolve(options.KeyFile);
            if (file != null)
            {
                try
                {
                    key = LinkKeyFile.Load(file);
                }
                catch (LinkException e)
                {
                    throw new TargetException(e.Message, usage: true, e);
                }

                if (LinkKeyFile.PermissionWarning(file) is { } warning)
                {
                    options.Log?.Invoke(warning);
                }
            }
            else if (emulated)
            {
                key = DevelopmentKey.Create();
            }
            else
            {
                throw new TargetException($"target '{target}' needs the board's key: --key-file PATH or {LinkKeyFile.EnvironmentVariable}", usage: true);
            }
        }

        return new BoardTarget(uri, options, key);
    }

    private bool Is64Bit => !(Uri.Options.TryGetValue("bits", out var b) && b == "32");

    private bool Quirks => Uri.Options.TryGetValue("quirks", out var q) && q == "1";

    /// <summary>emu: only — the rate of each link fault (drop, corrupt, duplicate, reorder, delay) per frame, 0 for none.</summary>
    public double FaultRate => Uri.Options.TryGetValue("faults", out var f) ? double.Parse(f, System.Globalization.CultureInfo.InvariantCulture) : 0;

    /// <summary>
    /// The fault seed of the first session (<c>seed=N</c>, else random); session i uses <c>FaultSeed + 2i</c> (and its
    /// board-to-host direction one more), so no two injectors of a run share a seed.
    /// </summary>
    public int FaultSeed => Uri.Options.TryGetValue("seed", out var s) ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : randomSeed;

    private readonly int randomSeed = System.Random.Shared.Next(1, int.MaxValue / 2);

    /// <summary>The fault injectors of the sessions opened so far (emu:?faults=…), with their seeds.</summary>
    public System.Collections.Generic.List<Gateway.Host.Targets.Faults.FaultyLink> FaultyLinks { get; } = new();

    /// <summary>
    /// Resets the in-process emulated board as a power cycle would: the board stops at once (it sends no CLOSE; what
    /// it had in flight is lost) and a new board — a new boot id, every table and /data afresh — starts on the same
    /// wires. A session open across the reset learns of it from the new board's "not authenticated" answer to its
    /// next request (<see cref="LinkEndReason.SessionLost"/>).
    /// </summary>
    public void ResetEmulatedBoard()
    {
        if (inProcess == null)
        {
            throw new InvalidOperationException("only an emu: target can be reset from the harness");
        }

        var live = new System.Collections.Generic.List<IByteStream>();
        foreach (var (plug, server) in served)
        {
            if (server.IsAlive)
            {
                live.Add(plug.Wire);
            }

            plug.Pull();
        }

        foreach (var (_, server) in served)
        {
            // The board's serve loop polls its stream; a pulled plug ends it within one poll.
            server.Join(TimeSpan.FromSeconds(5));
        }

        served.Clear();
        inProcess.Dispose();
        inProcess = NewEmulatedBoard();
        foreach (IByteStream wire in live)
        {
            Serve(wire);
        }

        options.Log?.Invoke($"the emulated board was reset: boot id {Convert.ToHexStringLower(inProcess.BootId)}");
    }

    private EmulatedBoard NewEmulatedBoard() => new(new EmulatedBoardOptions { Is64Bit = Is64Bit, Quirks = Quirks, Key = key });

    /// <summary>The in-process board serves <paramref name="wire"/> (the board's end of a link) through a plug a reset can pull.</summary>
    private void Serve(IByteStream wire)
    {
        served.RemoveAll(c => !c.Server.IsAlive);
        var plug = new BoardPlug(wire);
        served.Add((plug, inProcess!.ServeInBackground(plug)));
    }

    /// <summary>
    /// Opens a fresh authenticated session (closing the previous one of this target first). Throws
    /// <see cref="TargetException"/> when the board cannot be reached or refuses the key.
    /// </summary>
    public async Task<BoardSession> OpenSessionAsync(CancellationToken cancellationToken = default)
    {
        if (current != null)
        {
            try
            {
                await current.CloseAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is LinkException or IOException or ObjectDisposedException or OperationCanceledException)
            {
            }

            await current.DisposeAsync().ConfigureAwait(false);
            current = null;
        }

        current = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        return new BoardSession(this, current);
    }

    /// <summary>
    /// RM-5: opens a new session that presents the same host id while the current one is still open, on a stream of
    /// its own, and waits for the board to end the old one. Returns the new session and how the old one ended (the
    /// board's CLOSE <c>session-replaced</c> is <see cref="LinkEndReason.Replaced"/>; <see cref="LinkEndReason.SessionLost"/>
    /// when that CLOSE was lost and the board answered the old session "not authenticated"; null when the board still
    /// answers the old session). Needs a stream per session: emu: and tcp:// (a pty or a serial
    /// line carries one session at a time) — else <see cref="NotSupportedException"/>.
    /// </summary>
    public async Task<(BoardSession Session, LinkEndReason? OldEnd)> ReplaceSessionAsync(CancellationToken cancellationToken = default)
    {
        if (Uri.Scheme is not (TransportScheme.Emulated or TransportScheme.Tcp))
        {
            throw new NotSupportedException($"{Uri} carries one session at a time: a second session presenting the same host id needs a stream of its own (emu:, tcp://)");
        }

        LinkClient? old = current;
        LinkClient next = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        current = next;
        LinkEndReason? oldEnd = LinkEndReason.Closed;
        if (old != null)
        {
            oldEnd = await EndedByBoardAsync(old, cancellationToken).ConfigureAwait(false);
            await old.DisposeAsync().ConfigureAwait(false);
        }

        return (new BoardSession(this, next), oldEnd);
    }

    /// <summary>
    /// How the board ended <paramref name="old"/>, or null when it did not. Its CLOSE is not retransmitted and may be
    /// lost on a faulty link, so after a short wait the old session is asked something (declaring pid 1 again): a board
    /// that ended it answers "not authenticated" (<see cref="LinkEndReason.SessionLost"/>), one that did not, EBUSY.
    /// </summary>
    private static async Task<LinkEndReason?> EndedByBoardAsync(LinkClient old, CancellationToken cancellationToken)
    {
        try
        {
            return await old.Completion.WaitAsync(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        try
        {
            await old.DeclareAsync(1, Memory.MemoryManager.RootCred(), true, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (LinkSessionEndedException e)
        {
            return e.EndReason;
        }
    }

    private async Task<LinkClient> ConnectAsync(CancellationToken cancellationToken)
    {
        Stream stream;
        bool leaveOpen;
        try
        {
            (stream, leaveOpen) = await OpenStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TransportException or IOException or UnauthorizedAccessException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new TargetException($"target {Uri} is unreachable: {e.Message}", usage: false, e);
        }

        var linkOptions = (options.Link ?? new LinkClientOptions { Key = key }) with { Key = key, LeaveOpen = leaveOpen, Log = options.Log };
        if (options.Link == null && FaultRate > 0)
        {
            // In memory a reply takes microseconds: retransmit lost frames quickly so a faulty run stays short.
            linkOptions = linkOptions with { RetransmitTimeout = TimeSpan.FromMilliseconds(100), HandshakeTimeout = TimeSpan.FromMilliseconds(200), HandshakeAttempts = 20, MaxAttempts = 50 };
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ConnectTimeout);
            return await LinkClient.ConnectAsync(stream, linkOptions, timeout.Token).ConfigureAwait(false);
        }
        catch (LinkAuthenticationException e)
        {
            throw new TargetException($"target {Uri} refused the key: {e.Message}", usage: false, e);
        }
        catch (Exception e) when (e is LinkException or IOException or OperationCanceledException)
        {
            throw new TargetException($"target {Uri} did not complete the handshake: {e.Message}", usage: false, e);
        }
    }

    private async Task<(Stream Stream, bool LeaveOpen)> OpenStreamAsync(CancellationToken cancellationToken)
    {
        switch (Uri.Scheme)
        {
            case TransportScheme.Emulated:
                inProcess ??= NewEmulatedBoard();
                if (FaultRate > 0)
                {
                    int seed = FaultSeed + (2 * FaultyLinks.Count);
                    var faulty = new Gateway.Host.Targets.Faults.FaultyLink(Gateway.Host.Targets.Faults.FaultOptions.Uniform(FaultRate, seed));
                    FaultyLinks.Add(faulty);
                    options.Log?.Invoke(FormattableString.Invariant($"link faults {FaultRate:P1} each, seed {faulty.Seed} (session {FaultyLinks.Count} of {Uri})"));
                    Serve(faulty.Board);
                    return (faulty.Host, false);
                }

                var pipe = new Gateway.Transports.Desktop.InMemory.InMemoryPipe();
                Serve(pipe.Board);
                return (pipe.Host, false);
            case TransportScheme.Tcp:
                return (await TcpTransport.ConnectAsync(Uri.Host!, Uri.Port, cancellationToken).ConfigureAwait(false), false);
            case TransportScheme.Serial:
                sharedStream ??= SerialPortStream.Open(Uri.DevicePath!, Uri.ToSerialSettings());
                return (sharedStream, true);
            default:
                sharedStream ??= SerialPortStream.Open(await StartPtyBoardAsync(cancellationToken).ConfigureAwait(false));
                return (sharedStream, true);
        }
    }

    /// <summary>Starts the emulated board app on a pseudo-terminal in a child process and returns the pty's path.</summary>
    private async Task<string> StartPtyBoardAsync(CancellationToken cancellationToken)
    {
        // gateway-emulated (firmware/Gateway.Board.Emulated.App) is built next to every app that references it.
        string app = Path.Combine(AppContext.BaseDirectory, "gateway-emulated.dll");
        if (!File.Exists(app))
        {
            throw new TransportException(TransportError.Other, "pty:", $"the emulated board app {app} is not built next to this program");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(app);
        start.ArgumentList.Add("--pty");
        start.ArgumentList.Add("--bits");
        start.ArgumentList.Add(Is64Bit ? "64" : "32");
        if (Quirks)
        {
            start.ArgumentList.Add("--quirks");
        }

        string? keyFile = LinkKeyFile.Resolve(options.KeyFile);
        if (options.Key == null && keyFile != null)
        {
            start.ArgumentList.Add("--key-file");
            start.ArgumentList.Add(keyFile);
        }
        else if (options.Key != null && !System.Linq.Enumerable.SequenceEqual(options.Key, DevelopmentKey.Create()))
        {
            throw new TargetException("pty: targets take their key from a key file, not from memory", usage: true);
        }

        child = Process.Start(start) ?? throw new TransportException(TransportError.Other, "pty:", "could not start the emulated board");
        child.ErrorDataReceived += (_, e) =>
        {
            if (e.Data != null)
            {
                options.Log?.Invoke("board: " + e.Data);
            }
        };
        child.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        while (true)
        {
            string? line = await child.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false);
            if (line == null)
            {
                throw new TransportException(TransportError.Other, "pty:", "the emulated board exited before printing its pty");
            }

            if (line.StartsWith("pty ", StringComparison.Ordinal))
            {
                return line[4..].Trim();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (current != null)
        {
            try
            {
                await current.CloseAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is LinkException or IOException or ObjectDisposedException or OperationCanceledException)
            {
            }

            await current.DisposeAsync().ConfigureAwait(false);
            current = null;
        }

        sharedStream?.Dispose();
        inProcess?.Dispose();
        if (child != null)
        {
            try
            {
                child.StandardInput.Close();
                if (!child.WaitForExit(3000))
                {
                    child.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
            }

            child.Dispose();
        }
    }
}

/// <summary>One authenticated link session with a board: the link client and the channel the memory manager uses.</summary>
public sealed class BoardSession(BoardTarget target, LinkClient client)
{
    public BoardTarget Target { get; } = target;

    public LinkClient Client { get; } = client;

    public BoardInfo Board => Client.Board;

    public IBoardChannel Channel { get; } = new LinkChannel(client);
}
