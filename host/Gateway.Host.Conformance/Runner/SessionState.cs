using System.Threading.Tasks;
using System.Threading;
using System;
using Gateway.Host.Board;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Link;
using Gateway.Host.Memory;
using Gateway.Host.Targets;

namespace Gateway.Host.Conformance.Runner;

/// <summary>
/// What lives in one session of a scenario: the target's session, the recorder under a memory manager of its own, the
/// harness's reader and the session's events, and the coids raw steps of pid 1 take. A <c>new_session</c> step hands
/// over to the next (<see cref="ContinueAsync"/>): everything here is new there.
/// </summary>
internal sealed class SessionState
{
    /// <summary>Coids for <c>"coid": "new"</c> raw messages from pid 1 (above the memory manager's fresh coids' range in practice).</summary>
    private const int FirstRawMmCoid = 0x60000000;

    private int nextRawMmCoid = FirstRawMmCoid;

    private SessionState(ITargetSession target, ScenarioChannel recorder, MemoryManager mm)
    {
        Target = target;
        Recorder = recorder;
        Mm = mm;
        Reader = new HarnessReader(target.Channel);
    }

    public ITargetSession Target { get; }

    /// <summary>The memory manager's channel, which records every message of the session.</summary>
    public ScenarioChannel Recorder { get; }

    public MemoryManager Mm { get; }

    /// <summary>The harness's own reads (/fw/status, /fw/map…), never recorded.</summary>
    public HarnessReader Reader { get; }

    public EventInbox Events { get; } = new();

    /// <summary>Starts the memory manager of <paramref name="target"/>'s session over a recorder and a trace.</summary>
    /// <param name="declareMm">False: pid 1 stays undeclared until a <c>declare</c> step (the scenario's <c>undeclared</c>).</param>
    public static async Task<SessionState> StartAsync(ITargetSession target, TimeProvider time, TimeSpan linger, bool declareMm = true)
    {
        var recorder = new ScenarioChannel(target.Channel);
        var mm = new MemoryManager(recorder, new MemoryManagerOptions { Time = time, Linger = linger });
        if (declareMm)
        {
            await mm.StartAsync().ConfigureAwait(false);
        }

        return new SessionState(target, recorder, mm);
    }

    /// <summary>
    /// The <c>reboot</c> step: the board restarts (a new boot id, tables and /data afresh) and the next session opens
    /// on the new boot. A target that cannot restart its board skips the scenario saying why; a boot id that did not
    /// change fails the step.
    /// </summary>
    public async Task<SessionHandover> RebootAsync(Action<ITargetSession> adopt, CancellationToken ct)
    {
        SessionHandover handover;
        try
        {
            handover = await Target.RebootAsync(ct).ConfigureAwait(false);
        }
        catch (NotSupportedException e)
        {
            throw new ScenarioSkippedException(e.Message);
        }

        adopt(handover.Next);
        return handover;
    }

    /// <summary>A fresh coid for a raw message of the memory manager's pid.</summary>
    public int NextRawMmCoid() => nextRawMmCoid++;

    /// <summary>
    /// RM-5: ends this session (the host's CLOSE, or a new session presenting the same host id) and opens the next on
    /// the same board; <paramref name="adopt"/> takes ownership of the next session as soon as it exists. A target that
    /// cannot hold two sessions skips the scenario; a board that restarted meanwhile (another boot id) is a reset.
    /// Start the next <see cref="SessionState"/> on the handover's session.
    /// </summary>
    public async Task<SessionHandover> HandOverAsync(SessionEnd how, bool otherHost, Action<ITargetSession> adopt, CancellationToken ct)
    {
        string bootId = Target.BootId;
        SessionHandover handover;
        try
        {
            handover = await Target.ContinueAsync(how, otherHost, ct).ConfigureAwait(false);
        }
        catch (NotSupportedException e)
        {
            throw new ScenarioSkippedException(e.Message);
        }

        adopt(handover.Next);
        if (handover.Next.BootId != bootId)
        {
            throw new BoardResetException(bootId, handover.Next.BootId);
        }

        return handover;
    }
}
