using System;
using Gateway.Protocol.Link;

namespace Gateway.Host.Link;

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
