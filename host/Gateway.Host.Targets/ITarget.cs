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
    /// Opens a fresh, authenticated session (on <c>emu:</c>: a freshly started board with the options the
    /// requirements need). Throws <see cref="TargetUnreachableException"/> when the board cannot be reached or
    /// authentication fails.
    /// </summary>
    Task<ITargetSession> OpenSessionAsync(TargetRequirements requirements, CancellationToken cancellationToken = default);
}
