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
