namespace Gateway.Protocol.Link
{
    /// <summary>Names and the count of <see cref="FrameDropReason"/> values.</summary>
    public static class FrameDropReasons
    {
        /// <summary>One more than the largest reason: the size of a table indexed by reason.</summary>
        public const int Count = 7;

        public static string Name(FrameDropReason reason)
        {
            switch (reason)
            {
                case FrameDropReason.None: return "none";
                case FrameDropReason.Header: return "header";
                case FrameDropReason.Crc: return "crc";
                case FrameDropReason.Oversize: return "oversize";
                case FrameDropReason.Short: return "short";
                case FrameDropReason.BadVersion: return "bad-version";
                case FrameDropReason.Truncated: return "truncated";
                default: return "unknown";
            }
        }
    }
}
