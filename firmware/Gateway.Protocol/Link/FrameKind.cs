namespace Gateway.Protocol.Link
{
    /// <summary>
    /// The <c>kind</c> byte of a link frame (hardware-docs/link.md §2). Direction: h→b host to board, b→h board
    /// to host. A kind the receiver does not know gets an "unsupported" answer, never silence.
    /// </summary>
    public static class FrameKind
    {
        /// <summary>h→b: opens a handshake (versions, limits, host id, host nonce).</summary>
        public const int Hello = 0x01;

        /// <summary>b→h: answers HELLO with the negotiated limits, board facts and the board's proof (or a refusal).</summary>
        public const int HelloReply = 0x02;

        /// <summary>h→b: the host's proof of the key.</summary>
        public const int Auth = 0x03;

        /// <summary>b→h: the session is open (or a refusal).</summary>
        public const int AuthReply = 0x04;

        /// <summary>h→b, sequenced: declares a host process (pid, 32/64-bit, <c>_cred_info</c>).</summary>
        public const int Declare = 0x05;

        /// <summary>h→b, sequenced: one whole QNX message from (pid, coid).</summary>
        public const int Request = 0x06;

        /// <summary>b→h: the answer to a sequenced frame, or a refusal of any frame but HELLO and AUTH.</summary>
        public const int Reply = 0x07;

        /// <summary>b→h: a pulse (source, code, value) with a running counter per source.</summary>
        public const int Event = 0x08;

        /// <summary>h→b: keepalive; the board answers PONG.</summary>
        public const int Ping = 0x09;

        /// <summary>b→h: the answer to PING.</summary>
        public const int Pong = 0x0A;

        /// <summary>Either way: the session ends (the board acknowledges a host's CLOSE with a CLOSE).</summary>
        public const int Close = 0x0B;

        /// <summary>A stable lowercase name for logs and JSON (enum names print as numbers on nanoFramework).</summary>
        public static string Name(int kind)
        {
            switch (kind)
            {
                case Hello: return "hello";
                case HelloReply: return "hello-reply";
                case Auth: return "auth";
                case AuthReply: return "auth-reply";
                case Declare: return "declare";
                case Request: return "request";
                case Reply: return "reply";
                case Event: return "event";
                case Ping: return "ping";
                case Pong: return "pong";
                case Close: return "close";
                default: return "unknown";
            }
        }

        /// <summary>True for the kinds a board sends (a board drops them when they arrive, rather than answering).</summary>
        public static bool IsBoardToHost(int kind)
        {
            return kind == HelloReply || kind == AuthReply || kind == Reply || kind == Event || kind == Pong;
        }
    }
}
