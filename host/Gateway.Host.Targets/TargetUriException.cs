namespace Gateway.Host.Targets;

/// <summary>
/// A target URI could not be used: it does not parse, or names an option its scheme does not take (exit code 2).
/// <see cref="Error"/> says why; the message quotes the input and shows the right form.
/// </summary>
public sealed class TargetUriException : TargetException
{
    /// <summary>Creates the exception.</summary>
    public TargetUriException(TargetUriError error, string input, string message)
        : base(message, usage: true)
    {
        Error = error;
        Input = input;
    }

    /// <summary>Why the URI was refused.</summary>
    public TargetUriError Error { get; }

    /// <summary>The text that was parsed.</summary>
    public string Input { get; }
}
