using System;

namespace Gateway.Host.Link;

/// <summary>What the board said about itself and granted in the handshake.</summary>
public sealed record BoardInfo(
    string Name,
    string Model,
    string FirmwareVersion,
    byte[] BootId,
    int MaxBody,
    int Window,
    uint Features,
    TimeSpan SessionTimeout,
    int SessionSlot)
{
    public string BootIdHex => Convert.ToHexString(BootId).ToLowerInvariant();

    /// <summary>What the board says it is (<see cref="Gateway.Protocol.Link.BoardKind"/>, HELLO_REPLY's board_kind): hardware unless it says emulated.</summary>
    public int Kind { get; init; } = Gateway.Protocol.Link.BoardKind.Hardware;

    /// <summary>True when the board announced itself as the emulated board.</summary>
    public bool IsEmulated => Kind == Gateway.Protocol.Link.BoardKind.Emulated;

    public override string ToString() =>
        $"{Name} ({Model}, firmware {FirmwareVersion}), boot {BootIdHex}, body {MaxBody}, window {Window}, session {SessionSlot}";
}
