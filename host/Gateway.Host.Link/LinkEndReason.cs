namespace Gateway.Host.Link;

/// <summary>Why a link session ended, as the host saw it.</summary>
public enum LinkEndReason
{
    /// <summary>This host closed it (CloseAsync or DisposeAsync).</summary>
    Closed,

    /// <summary>The board ended it: another session with this host id authenticated (RM-5).</summary>
    Replaced,

    /// <summary>The board ended it because nothing arrived in its session timeout.</summary>
    TimedOut,

    /// <summary>The board ended it for another reason (it is shutting down, or a new handshake on the stream).</summary>
    ClosedByBoard,

    /// <summary>The board no longer knows the session ("not authenticated"): it reset, or ended the session silently.</summary>
    SessionLost,

    /// <summary>The board stopped answering: a request went unanswered through every retransmission, or silence.</summary>
    Unresponsive,

    /// <summary>The stream reached its end.</summary>
    StreamClosed,

    /// <summary>Reading or writing the stream failed.</summary>
    StreamFailed,
}
