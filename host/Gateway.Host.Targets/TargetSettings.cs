using System;

namespace Gateway.Host.Targets;

/// <summary>What reaching a board takes besides its URI: the key, timeouts, the host id, a log.</summary>
public sealed record TargetSettings
{
    /// <summary><c>--key-file</c>; else <c>GATEWAY_KEY_FILE</c>; else the development key for the emulated board (link+emu:, pty:).</summary>
    public string? KeyFile { get; init; }

    /// <summary>
    /// <c>--dev-key</c>: use the public development key (as <c>?key=dev</c> in the URI does), only with a board that
    /// announces itself as emulated. Not with <see cref="KeyFile"/>.
    /// </summary>
    public bool DevelopmentKey { get; init; }

    /// <summary>A key given directly (tests); wins over the key file.</summary>
    public byte[]? Key { get; init; }

    /// <summary>How long to wait for the board (the pty child to start, the handshake).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The host id the link presents (16 bytes); null for this machine's. The board commands pass a fresh one each,
    /// so a second command does not replace a running one's session as a restarted host would (RM-5).
    /// </summary>
    public byte[]? HostId { get; init; }

    /// <summary>Notices a run should show even when quiet (the soak's fault seeds, board resets); null for none.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Also log every session's link events (handshakes, retransmissions, each session's fault seed) to <see cref="Log"/>.</summary>
    public bool Verbose { get; init; }
}
