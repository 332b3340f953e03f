namespace Gateway.Host.Targets;

/// <summary>
/// What a scenario step may ask of a target beyond requests and the host's CLOSE. A target that lacks one says why
/// (<see cref="ITarget.Lacks"/>) before a scenario starts, so a scenario that needs it is skipped without touching
/// the board; its sessions refuse it with the same words (<see cref="System.NotSupportedException"/>).
/// </summary>
public enum SessionCapability
{
    /// <summary>A second session presenting the same host id while the first is open (<c>new_session</c> <c>replace</c>): a stream per session.</summary>
    Replace,

    /// <summary>The host goes silent until the board's session timeout ends the session (<c>new_session</c> <c>silence</c>): a link.</summary>
    Silence,

    /// <summary>The host drops its transport and connects again (<c>new_session</c> <c>drop</c>): a stream per session.</summary>
    Drop,

    /// <summary>A request on a stream that never authenticated (<c>before_auth</c>): a stream per session.</summary>
    BeforeAuth,

    /// <summary>The harness power-cycles the board (<c>reboot</c>): a board the harness runs itself.</summary>
    Reboot,
}
