using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Board.Emulated;
using Gateway.Board.Emulated.Simulator;
using Gateway.Host.Board;
using Gateway.Host.Conformance.Format;
using Gateway.Protocol.Link;

namespace Gateway.Host.Conformance.Targets;

/// <summary><c>emu:</c> — the emulated board started in this process, reached through <see cref="DirectChannel"/>.</summary>
public sealed class EmulatedTargetFactory : ITargetFactory
{
    public IReadOnlyList<string> Schemes { get; } = new[] { "emu" };

    public ITarget Create(TargetUri uri, TargetSettings settings)
    {
        if (uri.Options.Keys.FirstOrDefault(k => k is "faults" or "seed" or "reset-after") is string linkOption)
        {
            throw new TargetUriException($"{uri}: emu: is reached without the link, so '{linkOption}' means nothing there: use link+emu:?{linkOption}=… (the emulated board behind the whole link)");
        }

        uri.OnlyOptions("bits", "quirks");
        if (uri.Path.Length != 0)
        {
            throw new TargetUriException($"{uri}: emu: takes no path, only ?bits=32|64&quirks=0|1");
        }

        return new EmulatedTarget(uri.Text, uri.Integer("bits", 32, 64), uri.Flag("quirks"));
    }
}

/// <summary>
/// The emulated board in process: every session is a freshly started board (so every scenario starts from the
/// board's boot state), with a simulated clock that <see cref="ITargetSession.AdvanceAsync"/> moves. Options the
/// URI leaves open follow each scenario's needs (a 32-bit board for a 32-bit scenario, the quirk resources when
/// asked for); options the URI pins make scenarios that need otherwise skip.
/// </summary>
public sealed class EmulatedTarget : ITarget
{
    private readonly int? bits;
    private readonly bool? quirks;

    public EmulatedTarget(string uri = "emu:", int? bits = null, bool? quirks = null)
    {
        Uri = uri;
        this.bits = bits;
        this.quirks = quirks;
    }

    public string Uri { get; }

    public string? CannotProvide(TargetRequirements requirements)
    {
        if (bits is int b && requirements.Bits is int want && want != b)
        {
            return $"needs a {want}-bit board; {Uri} is {b}-bit";
        }

        if (requirements.Quirks && quirks == false)
        {
            return $"needs the quirk resources; {Uri} has them off";
        }

        return null;
    }

    public Task<ITargetSession> OpenSessionAsync(TargetRequirements requirements, CancellationToken cancellationToken = default)
    {
        string? reason = CannotProvide(requirements);
        if (reason != null)
        {
            throw new InvalidOperationException(reason);
        }

        var options = new EmulatedBoardOptions
        {
            Is64Bit = (bits ?? requirements.Bits ?? 64) == 64,
            Quirks = quirks ?? requirements.Quirks,
            Clock = new SimulatedClock(),
        };
        return Task.FromResult<ITargetSession>(new EmulatedSession(new EmulatedBoard(options)));
    }
}

/// <summary>A session on an in-process emulated board: session slot 0 of its resource manager.</summary>
public sealed class EmulatedSession : ITargetSession, IEventSink
{
    private readonly int slot;
    private readonly ConcurrentQueue<BoardEvent> events = new();
    private readonly SemaphoreSlim arrived = new(0);
    private readonly Dictionary<int, long> counters = new();

    public EmulatedSession(EmulatedBoard board)
        : this(board, Guid.NewGuid().ToString("N")[..16], 0)
    {
    }

    private EmulatedSession(EmulatedBoard board, string bootId, int slot)
    {
        Board = board;
        this.slot = slot;
        Channel = new DirectChannel(board.Rm, slot);
        board.Devices.Events.Target = this;
        BootId = bootId;
    }

    public EmulatedBoard Board { get; }

    public IBoardChannel Channel { get; }

    public string Description => $"emulated board ({(Board.Options.Is64Bit ? 64 : 32)}-bit{(Board.Options.Quirks ? ", quirks" : "")})";

    public string BootId { get; }

    public bool ResetDetected => false;

    void IEventSink.Raise(int source, int code, int value)
    {
        long counter;
        lock (counters)
        {
            counters.TryGetValue(source, out counter);
            counters[source] = ++counter;
        }

        events.Enqueue(new BoardEvent(source, code, value, counter));
        arrived.Release();
    }

    public async Task<BoardEvent?> NextEventAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (await arrived.WaitAsync(timeout, cancellationToken).ConfigureAwait(false) && events.TryDequeue(out BoardEvent e))
        {
            return e;
        }

        return null;
    }

    public Task AdvanceAsync(TimeSpan time, CancellationToken cancellationToken = default)
    {
        if (Board.Clock is SimulatedClock clock)
        {
            clock.Advance((long)time.TotalMilliseconds);
            return Task.CompletedTask;
        }

        return Task.Delay(time, cancellationToken);
    }

    /// <summary>
    /// No link here, so no host id: the session slot is ended as the link ends it — on CLOSE (Close), or after the
    /// next session has authenticated with the same host id (Replace: the next session takes another slot first).
    /// The link's own host-id check is exercised by <c>link+emu:</c>.
    /// </summary>
    public async Task<SessionHandover> ContinueAsync(SessionEnd how, CancellationToken cancellationToken = default)
    {
        int nextSlot = how == SessionEnd.Replace ? (slot + 1) % Board.Rm.Config.MaxSessions : slot;
        if (how == SessionEnd.Close)
        {
            await DisposeAsync().ConfigureAwait(false);
            return new SessionHandover(new EmulatedSession(Board, BootId, nextSlot), "closed");
        }

        var next = new EmulatedSession(Board, BootId, nextSlot);
        EndSlot();
        arrived.Dispose();
        return new SessionHandover(next, "replaced");
    }

    public ValueTask DisposeAsync()
    {
        Board.Devices.Events.Target = null!;
        EndSlot();
        arrived.Dispose();
        return ValueTask.CompletedTask;
    }

    private void EndSlot()
    {
        lock (Board.Rm.SyncRoot)
        {
            Board.Rm.EndSession(slot);
        }
    }
}
