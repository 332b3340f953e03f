namespace Gateway.Protocol.Link
{
    /// <summary>
    /// The <c>reason</c> byte: why the link (not the resource manager) refused or ended something. 0 on every
    /// frame that is not a link refusal, including replies whose errno came from the resource manager.
    /// </summary>
    public static class RefusalReason
    {
        public const int None = 0;

        /// <summary>A frame other than HELLO/AUTH on a stream without an authenticated session (EPERM).</summary>
        public const int NotAuthenticated = 1;

        /// <summary>HELLO in a protocol version the board does not speak (ENOTSUP).</summary>
        public const int UnsupportedVersion = 2;

        /// <summary>A frame kind the board does not know (ENOSYS).</summary>
        public const int UnsupportedKind = 3;

        /// <summary>AUTH whose MAC is wrong: a wrong key, or an AUTH replayed against a new board nonce (EPERM).</summary>
        public const int BadMac = 4;

        /// <summary>HELLO carrying a host nonce the board has seen recently (EPERM).</summary>
        public const int ReplayedNonce = 5;

        /// <summary>Every session slot is taken by other hosts (EAGAIN).</summary>
        public const int NoSessionSlot = 6;

        /// <summary>AUTH with no HELLO answered on this stream (EPERM).</summary>
        public const int NoHandshake = 7;

        /// <summary>AUTH naming an older handshake attempt than the one pending (EPERM); the pending one stays.</summary>
        public const int StaleHandshake = 8;

        /// <summary>A HELLO body that is too short, or limits below the minimum (EINVAL).</summary>
        public const int BadHello = 9;

        /// <summary>A REQUEST from a pid the session never declared (EPERM, rules.md §0).</summary>
        public const int UndeclaredPid = 10;

        /// <summary>A DECLARE whose body is not a valid <c>_cred_info</c> (EINVAL).</summary>
        public const int BadDeclare = 11;

        /// <summary>CLOSE from the board: a newly authenticated session presented the same host id (RM-5).</summary>
        public const int SessionReplaced = 12;

        /// <summary>CLOSE from the board: nothing arrived within the session timeout (RM-5).</summary>
        public const int SessionTimeout = 13;

        /// <summary>CLOSE from the board: the acknowledgement of the host's CLOSE.</summary>
        public const int ClosedByHost = 14;

        /// <summary>CLOSE from the board: a new HELLO on the same stream ended the session it carried.</summary>
        public const int NewHandshake = 15;

        /// <summary>The resource manager threw while handling a request; the reply is EIO and is cached like any other.</summary>
        public const int HandlerFault = 16;

        /// <summary>CLOSE from the board: the board is shutting its link down.</summary>
        public const int Shutdown = 17;

        /// <summary>Never sent: the session ended because its stream closed (used in logs).</summary>
        public const int StreamClosed = 18;

        public static string Name(int reason)
        {
            switch (reason)
            {
                case None: return "none";
                case NotAuthenticated: return "not-authenticated";
                case UnsupportedVersion: return "unsupported-version";
                case UnsupportedKind: return "unsupported-kind";
                case BadMac: return "bad-mac";
                case ReplayedNonce: return "replayed-nonce";
                case NoSessionSlot: return "no-session-slot";
                case NoHandshake: return "no-handshake";
                case StaleHandshake: return "stale-handshake";
                case BadHello: return "bad-hello";
                case UndeclaredPid: return "undeclared-pid";
                case BadDeclare: return "bad-declare";
                case SessionReplaced: return "session-replaced";
                case SessionTimeout: return "session-timeout";
                case ClosedByHost: return "closed-by-host";
                case NewHandshake: return "new-handshake";
                case HandlerFault: return "handler-fault";
                case Shutdown: return "shutdown";
                case StreamClosed: return "stream-closed";
                default: return "unknown";
            }
        }
    }
}
