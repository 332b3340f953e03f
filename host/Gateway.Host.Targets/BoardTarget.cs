using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Board.Emulated;
using Gateway.Host.Board;
using Gateway.Host.Link;
using Gateway.Host.Targets.Child;
using Gateway.Protocol.Link;
using Gateway.Protocol.Platform;
using Gateway.Transports.Desktop;
using Gateway.Transports.Desktop.Serial;
using Gateway.Transports.Desktop.Tcp;

namespace Gateway.Host.Targets;

/// <summary>
/// The link's way to one board (<see cref="LinkTarget"/> holds one per board configuration): the in-process emulated
/// board behind an in-memory link (<c>link+emu:</c>, optionally through the fault injector), the emulated board in a
/// child process on a pseudo-terminal (<c>pty:</c>), a serial tty, or TCP. It owns the transport-level resources;
/// each <see cref="OpenSessionAsync"/> is a fresh, authenticated link session.
/// </summary>
internal sealed class BoardTarget : IAsyncDisposable
{
    private readonly TargetUri uri;
    private readonly TargetSettings settings;
    private readonly byte[] key;
    private readonly bool is64Bit;
    private readonly bool quirks;
    private readonly System.Collections.Generic.List<(BoardPlug Plug, Thread Server)> served = new();
    private EmulatedBoard? inProcess;
    private EmulatedBoardChild? child;
    private Stream? sharedStream;
    private LinkClient? current;

    /// <summary>
    /// A board of <paramref name="uri"/>; for the emulated board, its width and quirks (what the URI leaves open
    /// follows the session's needs) and, on <c>link+emu:</c>, the fault rate and the first session's fault seed.
    /// </summary>
    public BoardTarget(TargetUri uri, TargetSettings settings, byte[] key, bool is64Bit, bool quirks, double faultRate, int faultSeed)
    {
        this.uri = uri;
        this.settings = settings;
        this.key = key;
        this.is64Bit = is64Bit;
        this.quirks = quirks;
        FaultRate = faultRate;
        FaultSeed = faultSeed;
        Name = uri.Scheme == TargetScheme.LinkEmulated
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"link+emu: {(is64Bit ? 64 : 32)}-bit{(quirks ? ", quirks" : "")}{(faultRate > 0 ? $", faults {faultRate} seed {faultSeed}" : "")}")
            : uri.ToString();
    }

    /// <summary>What the board is, for messages and reports ("tcp://board:7447", "link+emu: 64-bit, quirks").</summary>
    public string Name { get; }

    /// <summary>The emulated board when the target is <c>link+emu:</c>.</summary>
    public EmulatedBoard? EmulatedBoard => inProcess;

    /// <summary>link+emu: only — the rate of each link fault (drop, corrupt, duplicate, reorder, delay) per frame, 0 for none.</summary>
    public double FaultRate { get; }

    /// <summary>The fault seed of the first session; session i uses <c>FaultSeed + 2i</c> (and its board-to-host direction one more).</summary>
    public int FaultSeed { get; }

    /// <summary>The fault injectors of the sessions opened so far (link+emu:?faults=…), with their seeds.</summary>
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

        settings.Log?.Invoke($"the emulated board was reset: boot id {Convert.ToHexStringLower(inProcess.BootId)}");
    }

    /// <summary>
    /// pty: only — a power cut of the child board: the process is killed (it sends no CLOSE; what it had in flight is
    /// lost), the session on its line and the line itself are dropped, and the next session starts a new child — a new
    /// boot id, every table and /data afresh — on a new pseudo-terminal.
    /// </summary>
    public async Task RestartChildBoardAsync()
    {
        if (uri.Scheme != TargetScheme.Pty)
        {
            throw new InvalidOperationException("only a pty: target's child board can be restarted from the harness");
        }

        StopChild(TimeSpan.Zero);
        if (current != null)
        {
            // The board is gone: nothing to CLOSE. The client leaves the shared line open; it goes next.
            await current.DisposeAsync().ConfigureAwait(false);
            current = null;
        }

        sharedStream?.Dispose();
        sharedStream = null;
        settings.Log?.Invoke("the pty: board was power-cycled (its process killed); the next session starts it again");
    }

    /// <summary>Ends the pty: child: at once (a power cut), or after <paramref name="grace"/> for it to exit on its own.</summary>
    private void StopChild(TimeSpan grace)
    {
        child?.Stop(grace);
        child = null;
    }

    /// <summary>
    /// The link+emu: board. Its clock runs with the real time; a scenario's silence (<see cref="SessionEnd.Silence"/>)
    /// jumps it past the session timeout rather than waiting the seconds out.
    /// </summary>
    private EmulatedBoard NewEmulatedBoard()
    {
        var clock = new Gateway.Board.Emulated.Simulator.SimulatedClock();
        clock.Run();
        return new(new EmulatedBoardOptions { Is64Bit = is64Bit, Quirks = quirks, Key = key, Clock = clock });
    }

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
    /// <param name="hostId">The host id to present; the target's (or the machine's) when null.</param>
    public async Task<BoardSession> OpenSessionAsync(CancellationToken cancellationToken = default, byte[]? hostId = null)
    {
        if (current != null)
        {
            await TransportFailure.CloseQuietlyAsync(current, cancellationToken).ConfigureAwait(false);
            await current.DisposeAsync().ConfigureAwait(false);
            current = null;
        }

        current = await ConnectAsync(cancellationToken, hostId).ConfigureAwait(false);
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
        if (LinkCapabilities.Lacks(uri, SessionCapability.Replace) is string cannot)
        {
            throw new NotSupportedException(cannot);
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

    /// <summary>
    /// A new stream to the board with no session on it (the <c>before_auth</c> step); the caller disposes it. Only where
    /// each session has a stream of its own: on a pty or serial line a second peer cannot be told apart.
    /// </summary>
    public async Task<Stream> OpenBareStreamAsync(CancellationToken cancellationToken)
    {
        if (LinkCapabilities.Lacks(uri, SessionCapability.BeforeAuth) is string cannot)
        {
            throw new NotSupportedException(cannot);
        }

        if (uri.Scheme == TargetScheme.LinkEmulated)
        {
            // A clean pipe even on a faulty run: this exchange is one frame each way, with no retransmission to mend a loss.
            inProcess ??= NewEmulatedBoard();
            var pipe = new Gateway.Transports.Desktop.InMemory.InMemoryPipe();
            Serve(pipe.Board);
            return pipe.Host;
        }

        try
        {
            return (await OpenStreamAsync(cancellationToken).ConfigureAwait(false)).Stream;
        }
        catch (Exception e) when (TransportFailure.IsTransport(e))
        {
            throw new TargetUnreachableException($"target {Name} is unreachable: {e.Message}", e);
        }
    }

    private async Task<LinkClient> ConnectAsync(CancellationToken cancellationToken, byte[]? hostId = null)
    {
        Stream stream;
        bool leaveOpen;
        try
        {
            (stream, leaveOpen) = await OpenStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (TransportFailure.IsTransport(e))
        {
            throw new TargetUnreachableException($"target {Name} is unreachable: {e.Message}", e);
        }

        var linkOptions = new LinkClientOptions { Key = key, LeaveOpen = leaveOpen, Log = settings.Log };
        if ((hostId ?? settings.HostId) is byte[] id)
        {
            linkOptions = linkOptions with { HostId = id };
        }

        if (FaultRate > 0)
        {
            // In memory a reply takes microseconds: retransmit lost frames quickly so a faulty run stays short.
            linkOptions = linkOptions with { RetransmitTimeout = TimeSpan.FromMilliseconds(100), HandshakeTimeout = TimeSpan.FromMilliseconds(200), HandshakeAttempts = 20, MaxAttempts = 50 };
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.ConnectTimeout);
            return await LinkClient.ConnectAsync(stream, linkOptions, timeout.Token).ConfigureAwait(false);
        }
        catch (LinkDevelopmentKeyException e)
        {
            // One line that says what to do: this board needs its own key.
            throw new TargetUnreachableException($"target {Name}: {e.Message}: give its key with --key-file PATH (or {LinkKeyFile.EnvironmentVariable})", e, TargetFailure.DevelopmentKeyOnHardware);
        }
        catch (LinkAuthenticationException e)
        {
            throw new TargetUnreachableException($"target {Name} refused the key: {e.Message}", e, TargetFailure.KeyRefused);
        }
        catch (LinkRefusedException e)
        {
            throw new TargetUnreachableException($"target {Name}: {e.Message}", e, TargetFailure.Refused);
        }
        catch (LinkHandshakeTimeoutException e)
        {
            throw new TargetUnreachableException($"target {Name}: {e.Message}", e, TargetFailure.NoHandshake);
        }
        catch (Exception e) when (e is LinkException or IOException or OperationCanceledException)
        {
            throw new TargetUnreachableException($"target {Name} did not complete the handshake: {e.Message}", e, TargetFailure.NoHandshake);
        }
    }

    private async Task<(Stream Stream, bool LeaveOpen)> OpenStreamAsync(CancellationToken cancellationToken)
    {
        switch (uri.Scheme)
        {
            case TargetScheme.LinkEmulated:
                inProcess ??= NewEmulatedBoard();
                if (FaultRate > 0)
                {
                    int seed = FaultSeed + (2 * FaultyLinks.Count);
                    var faulty = new Gateway.Host.Targets.Faults.FaultyLink(Gateway.Host.Targets.Faults.FaultOptions.Uniform(FaultRate, seed));
                    FaultyLinks.Add(faulty);
                    settings.Log?.Invoke(FormattableString.Invariant($"link faults {FaultRate:P1} each, seed {faulty.Seed} (session {FaultyLinks.Count} of {Name})"));
                    Serve(faulty.Board);
                    return (faulty.Host, false);
                }

                var pipe = new Gateway.Transports.Desktop.InMemory.InMemoryPipe();
                Serve(pipe.Board);
                return (pipe.Host, false);
            case TargetScheme.Tcp:
                return (await TcpTransport.ConnectAsync(uri.Host!, uri.Port, cancellationToken).ConfigureAwait(false), false);
            case TargetScheme.Serial:
                sharedStream ??= SerialTransport.Open(uri.DevicePath!, uri.ToSerialSettings());
                return (sharedStream, true);
            default:
                sharedStream ??= SerialPortStream.Open(await StartPtyBoardAsync(cancellationToken).ConfigureAwait(false));
                return (sharedStream, true);
        }
    }

    /// <summary>Starts the emulated board app on a pseudo-terminal in a child process and returns the pty's path.</summary>
    private async Task<string> StartPtyBoardAsync(CancellationToken cancellationToken)
    {
        string? keyFile = null;
        if (!DevelopmentKey.Is(key))
        {
            // The child board holds the key the host resolved: the same key file (the board's default is the development key).
            keyFile = settings.Key == null ? LinkKeyFile.Resolve(settings.KeyFile) : null;
            if (keyFile == null)
            {
                throw new TargetException("pty: targets take their key from a key file, not from memory", usage: true);
            }
        }

        StopChild(TimeSpan.Zero);
        child = new EmulatedBoardChild(new EmulatedBoardChildOptions
        {
            Is64Bit = is64Bit,
            Quirks = quirks,
            KeyFile = keyFile,
            StandardError = settings.Log is { } log ? line => log("board: " + line) : null,
            StartTimeout = settings.ConnectTimeout,
            StopGrace = TimeSpan.FromSeconds(3),
        });
        try
        {
            return await child.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (EmulatedBoardChildException e)
        {
            child = null;
            throw new TransportException(TransportError.Other, "pty:", e.Failure switch
            {
                EmulatedBoardChildFailure.NotBuilt => e.Message,
                EmulatedBoardChildFailure.NotStarted => "could not start the emulated board",
                EmulatedBoardChildFailure.NotReady => "the emulated board exited before printing its pty",
                _ => $"the emulated board did not print its pty within {settings.ConnectTimeout.TotalSeconds:0.#} s",
            }, inner: e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (current != null)
        {
            await TransportFailure.CloseQuietlyAsync(current).ConfigureAwait(false);
            await current.DisposeAsync().ConfigureAwait(false);
            current = null;
        }

        sharedStream?.Dispose();
        inProcess?.Dispose();
        StopChild(TimeSpan.FromSeconds(3));
    }
}
