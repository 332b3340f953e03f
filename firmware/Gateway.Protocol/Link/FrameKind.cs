namespace Gateway.Protocol.Link
{
    /// <summary>
    /// The <c>kind</c> byte of a link frame (hardware-docs/link.md §2). Direction: h→b host to board, b→h board
    /// to host. A kind the receiver does not know gets an "unsupported" answer, never silence.
    /// </summary>
    public enum FrameKind
    {
        /// <summary>h→b: opens a handshake (versions, limits, host id, host nonce).</summary>
        Hello = 0x01,

        /// <summary>b→h: answers HELLO with the negotiated limits, board facts and the board's proof (or a refusal).</summary>
        HelloReply = 0x02,

        /// <summary>h→b: the host's proof of the key.</summary>
        Auth = 0x03,

        /// <summary>b→h: the session is open (or a refusal).</summary>
        AuthReply = 0x04,

        /// <summary>h→b, sequenced: declares a host process (pid, 32/64-bit, <c>_cred_info</c>).</summary>
        Declare = 0x05,

        /// <summary>h→b, sequenced: one whole QNX message from (pid, coid).</summary>
        Request = 0x06,

        /// <summary>b→h: the answer to a sequenced frame, or a refusal of any frame but HELLO and AUTH.</summary>
        Reply = 0x07,

        /// <summary>b→h: a pulse (source, code, value) with a running counter per source.</summary>
        Event = 0x08,

        /// <summary>h→b: keepalive; the board answers PONG.</summary>
        Ping = 0x09,

        /// <summary>b→h: the answer to PING.</summary>
        Pong = 0x0A,

        /// <summary>Either way: the session ends (the board acknowledges a host's CLOSE with a CLOSE).</summary>
        Close = 0x0B,
    }
}
