using System;

namespace Gateway.Host.Targets;

/// <summary>
/// Why a target could not be used: bad input — the URI (<see cref="TargetUriException"/>), a missing or unreadable
/// key — (exit code 2), or a board that is unreachable or refuses the key (<see cref="TargetUnreachableException"/>,
/// exit code 3). Every command maps it the same way.
/// </summary>
public class TargetException(string message, bool usage, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True for a usage or input error (exit 2), false when the board was unreachable or refused us (exit 3).</summary>
    public bool IsUsageError { get; } = usage;
}
