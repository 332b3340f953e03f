namespace Gateway.Host.Targets;

/// <summary>The kind of target a <see cref="TransportUri"/> names.</summary>
public enum TransportScheme
{
    /// <summary><c>emu:</c> — the emulated board in this process.</summary>
    Emulated,

    /// <summary><c>pty:</c> — the emulated board in a child process over a real pseudo-terminal.</summary>
    Pty,

    /// <summary><c>serial:PATH</c> — a board on a serial tty.</summary>
    Serial,

    /// <summary><c>tcp://HOST:PORT</c> — a board listening on TCP.</summary>
    Tcp,
}
