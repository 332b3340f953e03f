using System;

namespace Gateway.Host.Targets.Child;

/// <summary>How to run the emulated board app in a child process: its command line, where its standard error goes, how long to wait.</summary>
public sealed record EmulatedBoardChildOptions
{
    /// <summary>Serve on a free loopback port (<c>--tcp 127.0.0.1:0</c>) instead of a new pseudo-terminal (<c>--pty</c>).</summary>
    public bool Tcp { get; init; }

    /// <summary><c>--bits 64</c> or <c>--bits 32</c>.</summary>
    public bool Is64Bit { get; init; } = true;

    /// <summary><c>--quirks</c>: add the /quirks resources.</summary>
    public bool Quirks { get; init; }

    /// <summary><c>--key-file PATH</c>; null for the app's default, the development key.</summary>
    public string? KeyFile { get; init; }

    /// <summary>Each line the app writes to its standard error (called on a thread-pool thread); null to only keep the last lines for errors.</summary>
    public Action<string>? StandardError { get; init; }

    /// <summary>How long to wait for the address and "ready".</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long <see cref="EmulatedBoardChild.Dispose"/> lets the app exit on its own (stdin closed) before killing it.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(5);
}
