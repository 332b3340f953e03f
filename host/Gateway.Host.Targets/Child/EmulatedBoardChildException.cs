using System;

namespace Gateway.Host.Targets.Child;

/// <summary>The emulated board app could not be started; <see cref="Failure"/> says which way, the message adds its last standard error lines.</summary>
public sealed class EmulatedBoardChildException(EmulatedBoardChildFailure failure, string message, string standardError)
    : Exception(message)
{
    public EmulatedBoardChildFailure Failure { get; } = failure;

    /// <summary>The app's last standard error lines, joined with " | " (empty when it wrote none).</summary>
    public string StandardError { get; } = standardError;
}
