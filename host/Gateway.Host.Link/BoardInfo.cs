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

    public override string ToString() =>
        $"{Name} ({Model}, firmware {FirmwareVersion}), boot {BootIdHex}, body {MaxBody}, window {Window}, session {SessionSlot}";
}
