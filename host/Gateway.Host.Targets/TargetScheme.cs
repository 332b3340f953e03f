namespace Gateway.Host.Targets;

/// <summary>The kind of board a <see cref="TargetUri"/> names; <see cref="TargetRegistry.Schemes"/> lists them with their options.</summary>
public enum TargetScheme
{
    /// <summary><c>emu:</c> — the emulated board in this process, reached without the link.</summary>
    Emulated,

    /// <summary><c>link+emu:</c> — the emulated board in this process behind the whole link (frames, authentication, retransmission).</summary>
    LinkEmulated,

    /// <summary><c>pty:</c> — the emulated board in a child process over a real pseudo-terminal.</summary>
    Pty,

    /// <summary><c>serial:PATH</c> — a board on a serial tty.</summary>
    Serial,

    /// <summary><c>tcp://HOST:PORT</c> — a board listening on TCP.</summary>
    Tcp,
}
