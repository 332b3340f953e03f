namespace Gateway.Protocol.Link
{
    /// <summary>Names of <see cref="RefusalReason"/> values.</summary>
    public static class RefusalReasons
    {
        /// <summary>A stable lowercase name for logs and JSON (enum names print as numbers on nanoFramework).</summary>
        public static string Name(RefusalReason reason)
        {
            switch (reason)
            {
                case RefusalReason.None: return "none";
                case RefusalReason.NotAuthenticated: return "not-authenticated";
                case RefusalReason.UnsupportedVersion: return "unsupported-version";
                case RefusalReason.UnsupportedKind: return "unsupported-kind";
                case RefusalReason.BadMac: return "bad-mac";
                case RefusalReason.ReplayedNonce: return "replayed-nonce";
                case RefusalReason.NoSessionSlot: return "no-session-slot";
                case RefusalReason.NoHandshake: return "no-handshake";
                case RefusalReason.StaleHandshake: return "stale-handshake";
                case RefusalReason.BadHello: return "bad-hello";
                case RefusalReason.UndeclaredPid: return "undeclared-pid";
                case RefusalReason.BadDeclare: return "bad-declare";
                case RefusalReason.SessionReplaced: return "session-replaced";
                case RefusalReason.SessionTimeout: return "session-timeout";
                case RefusalReason.ClosedByHost: return "closed-by-host";
                case RefusalReason.NewHandshake: return "new-handshake";
                case RefusalReason.HandlerFault: return "handler-fault";
                case RefusalReason.Shutdown: return "shutdown";
                case RefusalReason.StreamClosed: return "stream-closed";
                default: return "unknown";
            }
        }
    }
}
