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
    public LinkRefusedException(int reason, int errno)
        : base($"the board refused the handshake: {RefusalReason.Name(reason)} ({Gateway.Protocol.Qnx.Errno.Name(errno) ?? errno.ToString(System.Globalization.CultureInfo.InvariantCulture)})")
    {
        Reason = reason;
        Errno = errno;
    }

    /// <summary>The <see cref="RefusalReason"/> code.</summary>
    public int Reason { get; }

    public int Errno { get; }
}

/// <summary>
/// The board's boot id differs from the one expected: the board restarted, so every session, OCB and mapping the
/// host held there is gone. Connect again without <see cref="LinkClientOptions.ExpectedBootId"/> to continue.
/// </summary>
public sealed class BoardResetException : LinkException
{
    public BoardResetException(byte[] expectedBootId, BoardInfo board)
        : base($"the board reset: boot id {Convert.ToHexString(expectedBootId).ToLowerInvariant()} is now {board.BootIdHex}; its sessions and mappings are gone")
    {
        ExpectedBootId = expectedBootId;
        Board = board;
    }

    public byte[] ExpectedBootId { get; }

    /// <summary>The board as it presents itself now.</summary>
    public BoardInfo Board { get; }
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
