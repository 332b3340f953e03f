using System;
using Gateway.Protocol.Link;

namespace Gateway.Host.Link;

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
