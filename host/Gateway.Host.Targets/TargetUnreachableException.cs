using System;

namespace Gateway.Host.Targets;

/// <summary>The board could not be reached, or authentication failed (exit code 3); <see cref="Failure"/> says at which step.</summary>
public sealed class TargetUnreachableException(string message, Exception? inner = null, TargetFailure failure = TargetFailure.Unreachable)
    : TargetException(message, usage: false, inner)
{
    /// <summary>At which step reaching the board failed.</summary>
    public TargetFailure Failure { get; } = failure;
}
