using System;
using Gateway.Protocol.Link;

namespace Gateway.Host.Link;

/// <summary>How a <see cref="LinkClient"/> connects, authenticates and retransmits (hardware-docs/link.md).</summary>
public sealed record LinkClientOptions
{
    /// <summary>The board's pre-shared key (<see cref="LinkKeyFile"/> loads one; never logged).</summary>
    public required byte[] Key { get; init; }

    /// <summary>
    /// This host's identity, 16 bytes. A host that restarts with the same id replaces its old session on the board
    /// (RM-5). Defaults to <see cref="HostIds.Default"/> (stable per machine and user).
    /// </summary>
    public byte[] HostId { get; init; } = HostIds.Default();

    /// <summary>The largest frame body asked for; the board may grant less (never below one page plus headroom).</summary>
    public int MaxBody { get; init; } = LinkLimits.DesktopBody;

    /// <summary>Requests in flight asked for; the board may grant less.</summary>
    public int Window { get; init; } = 8;

    /// <summary>Feature bits asked for (<see cref="LinkFeatures"/>).</summary>
    public uint Features { get; init; } = LinkFeatures.Events;

    /// <summary>When set, a board presenting another boot id makes ConnectAsync throw <see cref="BoardResetException"/>.</summary>
    public byte[]? ExpectedBootId { get; init; }

    /// <summary>How long to wait for HELLO_REPLY / AUTH_REPLY before sending again.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>HELLO (and AUTH) sends before ConnectAsync gives up with a <see cref="TimeoutException"/>.</summary>
    public int HandshakeAttempts { get; init; } = 5;

    /// <summary>
    /// A request is sent again (same sequence number) when it is unanswered this long after it was sent and after
    /// the last sign of a reply arriving (a reply frame, or a frame longer than an event still coming in): on a slow
    /// line a long reply takes longer than this to arrive, and that is not a loss.
    /// </summary>
    public TimeSpan RetransmitTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Sends of one request (the first included) before the session is declared dead.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>The host pings after this much time without sending (capped at a third of the board's session timeout).</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Nothing received for this long ends the session as unresponsive; null = the board's session timeout.</summary>
    public TimeSpan? SilenceTimeout { get; init; }

    /// <summary>Leave the stream open when the client is disposed.</summary>
    public bool LeaveOpen { get; init; }

    /// <summary>Diagnostics (refusals, retransmits, gaps); never receives key material.</summary>
    public Action<string>? Log { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Key);
        if (Key.Length == 0)
        {
            throw new ArgumentException("the link key is empty", nameof(Key));
        }

        if (HostId is not { Length: HelloRequest.IdSize })
        {
            throw new ArgumentException("HostId must be 16 bytes", nameof(HostId));
        }

        if (MaxBody < LinkLimits.MinBody || MaxBody > LinkLimits.MaxBody)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBody), $"MaxBody must be {LinkLimits.MinBody} … {LinkLimits.MaxBody}");
        }

        if (Window < 1 || Window > LinkLimits.MaxWindow)
        {
            throw new ArgumentOutOfRangeException(nameof(Window), $"Window must be 1 … {LinkLimits.MaxWindow}");
        }

        if (HandshakeAttempts < 1 || MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), "attempt counts must be at least 1");
        }

        if (HandshakeTimeout <= TimeSpan.Zero || RetransmitTimeout <= TimeSpan.Zero || PingInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RetransmitTimeout), "timeouts must be positive");
        }
    }
}
