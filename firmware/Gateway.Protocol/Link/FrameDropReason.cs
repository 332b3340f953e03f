namespace Gateway.Protocol.Link
{
    /// <summary>Why the <see cref="FrameDecoder"/> dropped a frame that began with a marker. The enum is the identity.</summary>
    public enum FrameDropReason
    {
        None = 0,

        /// <summary>A marker whose preamble CRC did not match: a damaged length, or noise that carried the marker.</summary>
        Header = 1,

        /// <summary>The CRC-32 did not match.</summary>
        Crc = 2,

        /// <summary>The preamble announced a frame past the negotiated maximum; none of its bytes were buffered.</summary>
        Oversize = 3,

        /// <summary>The preamble announced fewer bytes than a header (16).</summary>
        Short = 4,

        /// <summary>A well-formed frame of a link version this code does not speak.</summary>
        BadVersion = 5,

        /// <summary>The line went idle in the middle of a frame (<see cref="FrameDecoder.Expire"/>): a lost tail.</summary>
        Truncated = 6,
    }

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
