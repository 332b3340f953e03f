using System;
using System.Threading;
using System.Threading.Tasks;

namespace Gateway.Host.Targets;

/// <summary>
/// A board the harness can open sessions on, named by a target URI (<see cref="TargetRegistry.Create"/>). Every
/// command and the conformance runner talk to a board through this and <see cref="ITargetSession"/>. Disposing it
/// stops what it started (the in-process boards, the pty child) and closes its streams.
/// </summary>
public interface ITarget : IAsyncDisposable
{
    /// <summary>The target URI in its canonical spelling (for reports).</summary>
    string Uri { get; }

    /// <summary>
    /// Null when this target can give a session with the board width and quirk resources
    /// <paramref name="requirements"/> asks for, else the reason the scenario is skipped. (Declared hardware,
    /// <see cref="TargetRequirements.Requires"/>, is checked by the runner against the board's /fw/map.)
    /// </summary>
    string? CannotProvide(TargetRequirements requirements);

    /// <summary>
    /// True when this target's board clock is the harness's to move (<c>emu:</c>): scenarios whose
    /// <c>target.time</c> is <c>"simulated"</c> need it.
    /// </summary>
    bool HasSimulatedClock => false;

    /// <summary>
    /// Null when this target's sessions can do <paramref name="capability"/>, else the reason a scenario with a step
    /// that needs it is skipped — decided before the scenario's first step, so the board is never touched; a session
    /// asked anyway refuses with the same words (<see cref="NotSupportedException"/>). By default the session decides
    /// when asked.
    /// </summary>
    string? Lacks(SessionCapability capability) => null;

    /// <summary>
    /// Opens a fresh, authenticated session (on <c>emu:</c>: a freshly started board with the options the
    /// requirements need). Throws <see cref="TargetUnreachableException"/> when the board cannot be reached or
    /// authentication fails.
    /// </summary>
    Task<ITargetSession> OpenSessionAsync(TargetRequirements requirements, CancellationToken cancellationToken = default);
}
