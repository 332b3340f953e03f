namespace Gateway.Protocol.Link
{
    /// <summary>Names and classes of <see cref="FrameKind"/> values.</summary>
    public static class FrameKinds
    {
        /// <summary>A stable lowercase name for logs and JSON (enum names print as numbers on nanoFramework).</summary>
        public static string Name(FrameKind kind)
        {
            switch (kind)
            {
                case FrameKind.Hello: return "hello";
                case FrameKind.HelloReply: return "hello-reply";
                case FrameKind.Auth: return "auth";
                case FrameKind.AuthReply: return "auth-reply";
                case FrameKind.Declare: return "declare";
                case FrameKind.Request: return "request";
                case FrameKind.Reply: return "reply";
                case FrameKind.Event: return "event";
                case FrameKind.Ping: return "ping";
                case FrameKind.Pong: return "pong";
                case FrameKind.Close: return "close";
                default: return "unknown";
            }
        }

        /// <summary>True for the kinds a board sends (a board drops them when they arrive, rather than answering).</summary>
        public static bool IsBoardToHost(FrameKind kind)
        {
            return kind == FrameKind.HelloReply || kind == FrameKind.AuthReply || kind == FrameKind.Reply || kind == FrameKind.Event || kind == FrameKind.Pong;
        }
    }
}
