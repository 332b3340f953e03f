namespace Gateway.Protocol.Link
{
    /// <summary>
    /// The <c>reason</c> byte: why the link (not the resource manager) refused or ended something. 0 on every
    /// frame that is not a link refusal, including replies whose errno came from the resource manager.
    /// </summary>
    public enum RefusalReason
    {
        None = 0,

        /// <summary>A frame other than HELLO/AUTH on a stream without an authenticated session (EPERM).</summary>
        NotAuthenticated = 1,

        /// <summary>HELLO in a protocol version the board does not speak (ENOTSUP).</summary>
        UnsupportedVersion = 2,

        /// <summary>A frame kind the board does not know (ENOSYS).</summary>
        UnsupportedKind = 3,

        /// <summary>AUTH whose MAC is wrong: a wrong key, or an AUTH replayed against a new board nonce (EPERM).</summary>
        BadMac = 4,

        /// <summary>HELLO carrying a host nonce the board has seen recently (EPERM).</summary>
        ReplayedNonce = 5,

        /// <summary>Every session slot is taken by other hosts (EAGAIN).</summary>
        NoSessionSlot = 6,

        /// <summary>AUTH with no HELLO answered on this stream (EPERM).</summary>
        NoHandshake = 7,

        /// <summary>AUTH naming an older handshake attempt than the one pending (EPERM); the pending one stays.</summary>
        StaleHandshake = 8,

        /// <summary>A HELLO body that is too short, or limits below the minimum (EINVAL).</summary>
        BadHello = 9,

        /// <summary>A REQUEST from a pid the session never declared (EPERM, rules.md §0).</summary>
        UndeclaredPid = 10,

        /// <summary>A DECLARE whose body is not a valid <c>_cred_info</c> (EINVAL).</summary>
        BadDeclare = 11,

        /// <summary>CLOSE from the board: a newly authenticated session presented the same host id (RM-5).</summary>
        SessionReplaced = 12,

        /// <summary>CLOSE from the board: nothing arrived within the session timeout (RM-5).</summary>
        SessionTimeout = 13,

        /// <summary>CLOSE from the board: the acknowledgement of the host's CLOSE.</summary>
        ClosedByHost = 14,

        /// <summary>CLOSE from the board: a new HELLO on the same stream ended the session it carried.</summary>
        NewHandshake = 15,

        /// <summary>The resource manager threw while handling a request; the reply is EIO and is cached like any other.</summary>
        HandlerFault = 16,

        /// <summary>CLOSE from the board: the board is shutting its link down.</summary>
        Shutdown = 17,

        /// <summary>Never sent: the session ended because its stream closed (used in logs).</summary>
        StreamClosed = 18,
    }
}
