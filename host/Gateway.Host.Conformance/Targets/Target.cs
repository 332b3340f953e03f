using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Host.Conformance.Format;

namespace Gateway.Host.Conformance.Targets;

/// <summary>An event frame from the board (a QNX pulse): its source, code, value and the source's running counter.</summary>
public readonly record struct BoardEvent(int Source, int Code, int Value, long Counter);

/// <summary>
/// A board the harness can open sessions on (system.md §5 targets: <c>emu:</c>, <c>pty:</c>, <c>serial:</c>,
/// <c>tcp://</c>). Each scenario runs in a fresh session of its own.
/// </summary>
public interface ITarget
{
    /// <summary>The target URI as given (for reports).</summary>
    string Uri { get; }

    /// <summary>
    /// Null when this target can give a session with the board width and quirk resources
    /// <paramref name="requirements"/> asks for, else the reason the scenario is skipped. (Declared hardware,
    /// <see cref="TargetRequirements.Requires"/>, is checked by the runner against the board's /fw/map.)
    /// </summary>
    string? CannotProvide(TargetRequirements requirements);

    /// <summary>
    /// Opens a fresh, authenticated session (on the emulated target: a freshly started board with the options
    /// the scenario needs). Throws <see cref="TargetUnreachableException"/> when the board cannot be reached or
    /// authentication fails.
    /// </summary>
    Task<ITargetSession> OpenSessionAsync(TargetRequirements requirements, CancellationToken cancellationToken = default);
}

/// <summary>
/// One session on a board: the channel the memory manager and the harness send through, the board's boot id,
/// its events, and its clock.
/// </summary>
public interface ITargetSession : IAsyncDisposable
{
    /// <summary>The session's channel (messages from any declared pid of this session).</summary>
    IBoardChannel Channel { get; }

    /// <summary>What the session is on, e.g. "emulated board (64-bit, quirks)", "tcp://board:7000".</summary>
    string Description { get; }

    /// <summary>The boot id the board presented when the session opened (system.md §3 handshake).</summary>
    string BootId { get; }

    /// <summary>
    /// The board-reset hook: true once the link has seen the board present another boot id (it restarted) during
    /// this session. The runner checks it after every step; a channel may also throw
    /// <see cref="BoardResetException"/> from <see cref="IBoardChannel.SendAsync"/>.
    /// </summary>
    bool ResetDetected { get; }

    /// <summary>The next event frame, or null when none arrives within <paramref name="timeout"/>.</summary>
    Task<BoardEvent?> NextEventAsync(TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lets <paramref name="time"/> pass on the board: the emulated board advances its simulated clock; a real
    /// board is simply waited for.
    /// </summary>
    Task AdvanceAsync(TimeSpan time, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends this session and opens the next one on the same board (the <c>new_session</c> step, RM-5):
    /// <see cref="SessionEnd.Close"/> — the host ends it first; <see cref="SessionEnd.Replace"/> — a new session
    /// presenting the same host id authenticates while this one is open, and the board must end this one. This session
    /// is disposed; the caller owns the next. Throws <see cref="NotSupportedException"/> when the target cannot hold
    /// the sessions it needs, <see cref="TargetUnreachableException"/> when the board cannot be reached.
    /// </summary>
    Task<SessionHandover> ContinueAsync(SessionEnd how, CancellationToken cancellationToken = default);
}

/// <summary>How a scenario's session ends when the scenario continues in a new one (RM-5).</summary>
public enum SessionEnd
{
    /// <summary>The host closes it (the link's CLOSE), then opens a new session.</summary>
    Close,

    /// <summary>A new session presenting the same host id authenticates while the old one is open: the board ends the old one.</summary>
    Replace,
}

/// <summary>The session a scenario continues in, and how the old one ended as the host saw it ("closed", "replaced" …).</summary>
public sealed record SessionHandover(ITargetSession Next, string OldSessionEnd);

/// <summary>Creates targets for URI schemes; the link's targets (<c>pty:</c>, <c>serial:</c>, <c>tcp://</c>) register one.</summary>
public interface ITargetFactory
{
    /// <summary>The schemes this factory serves, without the colon (e.g. <c>emu</c>, <c>tcp</c>).</summary>
    IReadOnlyList<string> Schemes { get; }

    /// <summary>Creates the target; throws <see cref="TargetUriException"/> for options it does not take.</summary>
    ITarget Create(TargetUri uri, TargetSettings settings);
}

/// <summary>Settings that come from the command line rather than the URI: the key file, timeouts.</summary>
public sealed record TargetSettings
{
    /// <summary><c>--key-file</c> or <c>GATEWAY_KEY_FILE</c>; null for the development key of emu:/pty:.</summary>
    public string? KeyFile { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Notices a run should show even when quiet (the soak's fault seeds, board resets); null for none.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Also log every session's link events (handshakes, retransmissions, each session's fault seed) to <see cref="Log"/>.</summary>
    public bool Verbose { get; init; }
}

/// <summary>The board could not be reached, or authentication failed (exit code 3).</summary>
public sealed class TargetUnreachableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A target URI that does not parse or names options its scheme does not take (exit code 2).</summary>
public sealed class TargetUriException(string message) : Exception(message);

/// <summary>The board presented a new boot id: it restarted during the session, and its state is gone.</summary>
public sealed class BoardResetException(string oldBootId, string newBootId)
    : Exception($"the board restarted during the session (boot id {oldBootId} → {newBootId})")
{
    public string OldBootId { get; } = oldBootId;

    public string NewBootId { get; } = newBootId;
}
