namespace Gateway.Host.Bench;

/// <summary>What the bulk read of <see cref="PtyBulkRead"/> runs over.</summary>
public enum BulkReadTransport
{
    /// <summary>The emulated board app in a child process on a pseudo-terminal, the host's termios serial stream on the slave (the <c>pty:</c> target).</summary>
    Pty,

    /// <summary>The same, the host's port opened through System.IO.Ports (the macOS and Windows serial implementation; it polls every millisecond).</summary>
    PtyPorts,

    /// <summary>The emulated board app in a child process on TCP loopback: the same two processes without the tty layer.</summary>
    Tcp,

    /// <summary>The emulated board in this process behind an in-memory pipe: the link and both ends' code, no kernel, no second process.</summary>
    InProcess,
}
