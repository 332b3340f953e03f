using Gateway.Protocol.Messages;

namespace Gateway.Protocol.Link
{
    /// <summary>
    /// What the board's link hands to the resource manager once a frame has been authenticated, ordered and
    /// de-duplicated. Sessions are identified by a slot index (0 … sessions−1) that the link owns; a slot is
    /// reused only after <see cref="EndSession"/>.
    /// <para>
    /// The link calls these methods one at a time (never concurrently, whatever the number of streams), from the
    /// thread serving the stream. Each request of a session is handed over exactly once, in sequence order.
    /// A handler may raise events (<see cref="IEventSink"/>) from inside a call.
    /// </para>
    /// </summary>
    public interface IMessageHandler
    {
        /// <summary>
        /// Declares a host process in a session (rules.md §0). Returns EOK, EBUSY when the pid is already
        /// live in the session, or ENOMEM when the process table is full. <paramref name="cred"/> belongs to the
        /// link and is valid only during the call (copy it).
        /// </summary>
        int DeclareProcess(int session, int pid, CredInfo cred, bool is64Bit);

        /// <summary>
        /// Executes one QNX message sent by (<paramref name="pid"/>, <paramref name="coid"/>) of an
        /// authenticated session and fills <paramref name="reply"/>. Never throws for any input. The link has
        /// already refused pids the session never declared (EPERM). The message bytes are valid only during the call.
        /// </summary>
        void Handle(int session, int pid, int coid, byte[] message, int offset, int length, Reply reply);

        /// <summary>RM-5: the session ended; every OCB bound to it is closed as if <c>_IO_CLOSE</c> had arrived.</summary>
        void EndSession(int session);
    }
}
