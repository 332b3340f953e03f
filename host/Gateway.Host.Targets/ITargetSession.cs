using System;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Host.Link;

namespace Gateway.Host.Targets;

/// <summary>
/// One session on a board: the channel the memory manager and the harness send through, what the board says of
/// itself, its events, its clock, and how the session ends.
/// </summary>
public interface ITargetSession : IAsyncDisposable
{
    /// <summary>The session's channel (messages from any declared pid of this session).</summary>
    IBoardChannel Channel { get; }

    /// <summary>
    /// What the board presented: over the link, its handshake; on <c>emu:</c> (no link) the same facts read from the
    /// board's own link configuration, with the in-process channel's message size.
    /// </summary>
    BoardInfo Board { get; }

    /// <summary>What the session is on, e.g. "emulated board (64-bit, quirks)", "tcp://board:7000 (…)".</summary>
    string Description { get; }

    /// <summary>The boot id the board presented when the session opened (link.md §3), lower-case hex.</summary>
    string BootId { get; }

    /// <summary>
    /// The board-reset hook: true once the session has seen the board present another boot id (it restarted). The
    /// runner checks it after every step; a channel may also throw <see cref="BoardResetException"/> from
    /// <see cref="IBoardChannel.SendAsync"/>.
    /// </summary>
    bool ResetDetected { get; }

    /// <summary>Completes when the session ends (the board closed it, the link failed, or it was disposed), with the reason.</summary>
    Task<LinkEndReason> Completion { get; }

    /// <summary>The next event, or null when none arrives within <paramref name="timeout"/>; events queue from the session's start.</summary>
    Task<BoardEvent?> NextEventAsync(TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lets <paramref name="time"/> pass on the board: the in-process board (<c>emu:</c>) advances its simulated
    /// clock; a board over the link is simply waited for (at most one second).
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

    /// <summary>
    /// As <see cref="ContinueAsync(SessionEnd, CancellationToken)"/>; with <paramref name="otherHost"/> the next session
    /// presents a host id other than this one's (another host; not with <see cref="SessionEnd.Replace"/>, which is the
    /// same host id by definition). A target without host ids (<c>emu:</c>) opens its next session as it always does.
    /// </summary>
    Task<SessionHandover> ContinueAsync(SessionEnd how, bool otherHost, CancellationToken cancellationToken = default) =>
        ContinueAsync(how, cancellationToken);

    /// <summary>
    /// Restarts the board as a power cycle would (no CLOSE; a new boot id; every table and /data afresh) and opens a
    /// session on the new boot (the <c>reboot</c> step). This session is disposed; the caller owns the next. Only
    /// the emulated boards the harness runs (in this process, or pty:'s child) can be restarted by it: elsewhere
    /// <see cref="NotSupportedException"/> says why.
    /// </summary>
    Task<SessionHandover> RebootAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{Description}: the harness cannot restart this board (only the emulated boards it runs: emu:, link+emu:, pty:)");

    /// <summary>
    /// Sends a request on a new stream of its own that never authenticated (the <c>before_auth</c> step) and returns the
    /// board's answer, or null when none came. This session is untouched. Needs a link with a stream per session
    /// (<c>link+emu:</c>, <c>tcp://</c>): elsewhere <see cref="NotSupportedException"/> says why.
    /// </summary>
    Task<BoardReply?> SendUnauthenticatedAsync(int pid, int coid, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{Description}: a request before authentication needs a link with a stream per session (link+emu:, tcp://)");
}
