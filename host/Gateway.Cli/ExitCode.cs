namespace Gateway.Cli;

/// <summary>The exit codes of every <c>gateway</c> command (cli.md).</summary>
public enum ExitCode
{
    /// <summary>Success.</summary>
    Ok = 0,

    /// <summary>A conformance failure, or an operation the board answered with an errno.</summary>
    Failure = 1,

    /// <summary>A usage or input error: bad options, bad hex or JSON, a value that does not fit.</summary>
    Usage = 2,

    /// <summary>The target is unreachable or authentication failed.</summary>
    Unreachable = 3,
}
