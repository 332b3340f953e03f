namespace Gateway.Host.Targets;

/// <summary>How a session ends when the work continues in a new one (RM-5).</summary>
public enum SessionEnd
{
    /// <summary>The host closes it (the link's CLOSE), then opens a new session.</summary>
    Close,

    /// <summary>A new session presenting the same host id authenticates while the old one is open: the board ends the old one.</summary>
    Replace,

    /// <summary>The host goes silent (no pings, no requests) until the board ends the session for its session timeout.</summary>
    Silence,

    /// <summary>The host drops the transport (no CLOSE): the board ends the session when its stream ends.</summary>
    Drop,
}
