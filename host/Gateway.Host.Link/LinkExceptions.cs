using System;
using Gateway.Protocol.Link;

namespace Gateway.Host.Link;

/// <summary>The base of every link failure the host reports.</summary>
public class LinkException : Exception
{
    public LinkException(string message)
        : base(message)
    {
    }

    public LinkException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}

/// <summary>The keys do not match: the board's proof failed here, or the board refused ours (bad MAC).</summary>
public sealed class LinkAuthenticationException : LinkException
{
    public LinkAuthenticationException(string message)
        : base(message)
    {
    }
}

/// <summary>The board refused the handshake for a reason other than the key (version, limits, no free session).</summary>
public sealed class LinkRefusedException : LinkException
{
    public LinkRefusedException(RefusalReason reason, int errno)
        : base($"the board refused the handshake: {RefusalReasons.Name(reason)} ({Gateway.Protocol.Qnx.Errno.Name(errno) ?? errno.ToString(System.Globalization.CultureInfo.InvariantCulture)})")
    {
        Reason = reason;
        Errno = errno;
    }

    /// <summary>Why the board refused.</summary>
    public RefusalReason Reason { get; }

    public int Errno { get; }
}

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

/// <summary>The session ended; requests in flight and later ones fail with this.</summary>
public sealed class LinkSessionEndedException : LinkException
{
    public LinkSessionEndedException(LinkEndReason reason, Exception? inner = null)
        : base($"the link session ended: {reason}", inner)
    {
        EndReason = reason;
    }

    public LinkEndReason EndReason { get; }
}
