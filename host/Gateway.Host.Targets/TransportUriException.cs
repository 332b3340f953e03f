using System;

namespace Gateway.Host.Targets;

/// <summary>A target URI could not be parsed. <see cref="Error"/> says why; the message quotes the input and shows the right form.</summary>
public sealed class TransportUriException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public TransportUriException(TransportUriError error, string input, string message)
        : base(message)
    {
        Error = error;
        Input = input;
    }

    /// <summary>Why the URI was refused.</summary>
    public TransportUriError Error { get; }

    /// <summary>The text that was parsed.</summary>
    public string Input { get; }
}
