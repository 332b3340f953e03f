namespace Gateway.Host.Targets;

/// <summary>
/// What each link scheme's sessions can do beyond requests (<see cref="SessionCapability"/>), and the words for what
/// they cannot — the same before a scenario starts (<see cref="LinkTarget.Lacks"/>) and when a session is asked.
/// A pty or a serial line is one stream for every session; <c>link+emu:</c> and <c>tcp://</c> give each session its
/// own. The harness restarts only the boards it runs: <c>link+emu:</c>'s in this process and <c>pty:</c>'s child.
/// </summary>
internal static class LinkCapabilities
{
    /// <summary>Null when a session on <paramref name="uri"/> can do <paramref name="capability"/>, else why not.</summary>
    public static string? Lacks(TargetUri uri, SessionCapability capability)
    {
        bool streamPerSession = uri.Scheme is TargetScheme.LinkEmulated or TargetScheme.Tcp;
        return capability switch
        {
            SessionCapability.Replace when !streamPerSession =>
                $"{uri} carries one session at a time: a second session presenting the same host id needs a stream of its own (link+emu:, tcp://)",
            SessionCapability.Drop when !streamPerSession =>
                $"{uri} is one line for every session: the harness cannot drop it and connect again (link+emu:, tcp:// can)",
            SessionCapability.BeforeAuth when !streamPerSession =>
                $"{uri} is one line: a peer that never authenticated needs a stream of its own (link+emu:, tcp://)",
            SessionCapability.Reboot when uri.Scheme is not (TargetScheme.LinkEmulated or TargetScheme.Pty) =>
                $"the harness cannot restart the board at {uri} (only the emulated boards it runs: emu:, link+emu:, pty:)",
            _ => null,
        };
    }
}
