namespace Gateway.Host.Targets.Child;

/// <summary>Why an <see cref="EmulatedBoardChild"/> did not come up; callers turn it into their own message.</summary>
public enum EmulatedBoardChildFailure
{
    /// <summary><c>gateway-emulated.dll</c> is not next to the running program.</summary>
    NotBuilt,

    /// <summary>The operating system did not start the process.</summary>
    NotStarted,

    /// <summary>The app ended (or closed its output) before printing its address and "ready".</summary>
    NotReady,

    /// <summary>The app printed no address and "ready" within the start timeout.</summary>
    TimedOut,
}
