namespace Gateway.Host.Targets;

/// <summary>Why a board could not be reached (<see cref="TargetUnreachableException"/>): what a user checks next differs.</summary>
public enum TargetFailure
{
    /// <summary>The transport did not open: no such tty, permission, nobody listening on the port.</summary>
    Unreachable,

    /// <summary>The transport opened but the board did not complete the handshake (silence, noise, another protocol).</summary>
    NoHandshake,

    /// <summary>The board answered but the keys differ.</summary>
    KeyRefused,

    /// <summary>The board refused the handshake for another reason (no free session, version, limits).</summary>
    Refused,
}
