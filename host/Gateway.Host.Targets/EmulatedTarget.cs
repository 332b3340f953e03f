using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Board.Emulated;
using Gateway.Board.Emulated.Simulator;
using Gateway.Host.Board;
using Gateway.Host.Link;
using Gateway.Protocol.Link;

namespace Gateway.Host.Targets;

/// <summary>
/// <c>emu:</c> — the emulated board in process, reached through <see cref="DirectChannel"/> (no frames, no link):
/// every session is a freshly started board (so every session starts from the board's boot state), with a simulated
/// clock that runs with real time and that <see cref="ITargetSession.AdvanceAsync"/> jumps forward (held still when
/// the requirements' <see cref="TargetRequirements.Time"/> is <see cref="ScenarioTime.Simulated"/>). Options the URI leaves open follow each session's
/// requirements (a 32-bit board for a 32-bit scenario, the quirk resources when asked for); options the URI pins
/// make scenarios that need otherwise skip.
/// </summary>
public sealed class EmulatedTarget : ITarget
{
    private readonly TargetUri uri;

    internal EmulatedTarget(TargetUri uri)
    {
        this.uri = uri;
        Uri = uri.ToString();
    }

    public string Uri { get; }

    public bool HasSimulatedClock => true;

    public string? CannotProvide(TargetRequirements requirements)
    {
        if (uri.Bits is int b && requirements.Bits is int want && want != b)
        {
            return $"needs a {want}-bit board; {Uri} is {b}-bit";
        }

        if (requirements.Quirks && uri.Quirks == false)
        {
            return $"needs the quirk resources; {Uri} has them off";
        }

        return null;
    }

    public string? Lacks(SessionCapability capability) => LacksOnEmu(capability);

    /// <summary>What an <c>emu:</c> session cannot do, and why: it has no link (so no authentication, silence or stream to drop).</summary>
    internal static string? LacksOnEmu(SessionCapability capability) => capability switch
    {
        SessionCapability.Silence => "emu: has no link: a session there cannot go silent (every link target can: link+emu:, pty:, serial:, tcp://)",
        SessionCapability.Drop => "emu: has no link: a session there cannot drop its transport (link+emu: and tcp:// can)",
        SessionCapability.BeforeAuth => "emu: has no link and so no authentication: a request before it needs link+emu: or tcp://",
        _ => null,
    };

    public Task<ITargetSession> OpenSessionAsync(TargetRequirements requirements, CancellationToken cancellationToken = default)
    {
        string? reason = CannotProvide(requirements);
        if (reason != null)
        {
            throw new InvalidOperationException(reason);
        }

        // The board's clock moves with the real time (software polling a device sees time pass) unless the
        // scenario takes control of it (target.time "simulated").
        var clock = new SimulatedClock();
        if (requirements.Time != ScenarioTime.Simulated)
        {
            clock.Run();
        }

        var options = new EmulatedBoardOptions
        {
            Is64Bit = (uri.Bits ?? requirements.Bits ?? 64) == 64,
            Quirks = uri.Quirks ?? requirements.Quirks,
            Clock = clock,
        };
        return Task.FromResult<ITargetSession>(new EmulatedSession(new EmulatedBoard(options), 0) { RealWaits = requirements.Time == ScenarioTime.Real });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
