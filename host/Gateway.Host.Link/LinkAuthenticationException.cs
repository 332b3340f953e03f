using System;
using Gateway.Protocol.Link;

namespace Gateway.Host.Link;

/// <summary>The keys do not match: the board's proof failed here, or the board refused ours (bad MAC).</summary>
public sealed class LinkAuthenticationException : LinkException
{
    public LinkAuthenticationException(string message)
        : base(message)
    {
    }
}
