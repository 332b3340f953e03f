using System;
using Gateway.Protocol.Link;

namespace Gateway.Host.Link;

/// <summary>
/// The board presented another boot id than the one expected: it restarted, so every session, OCB and mapping the
/// host held there is gone. Thrown by the link client's handshake (<see cref="LinkClientOptions.ExpectedBootId"/>)
/// and by whoever notices the new boot id later in a session (the scenario runner). Connect again without an
/// expected boot id to continue.
/// </summary>
public sealed class BoardResetException : LinkException
{
    public BoardResetException(string oldBootId, string newBootId)
        : base($"the board restarted during the session (boot id {oldBootId} → {newBootId})")
    {
        OldBootId = oldBootId;
        NewBootId = newBootId;
    }

    public BoardResetException(byte[] expectedBootId, BoardInfo board)
        : this(Convert.ToHexString(expectedBootId).ToLowerInvariant(), board.BootIdHex)
    {
        ExpectedBootId = expectedBootId;
        Board = board;
    }

    /// <summary>The boot id the host knew (lower-case hex).</summary>
    public string OldBootId { get; }

    /// <summary>The boot id the board presents now (lower-case hex), or a placeholder when it is not known yet.</summary>
    public string NewBootId { get; }

    /// <summary>The boot id the link client was told to expect, as bytes; empty when the reset was noticed elsewhere.</summary>
    public byte[] ExpectedBootId { get; } = Array.Empty<byte>();

    /// <summary>The board as it presents itself now, when a handshake told (null otherwise).</summary>
    public BoardInfo? Board { get; }
}
