namespace Gateway.Protocol.Link
{
    /// <summary>Why the <see cref="FrameDecoder"/> dropped the bytes between two delimiters. The enum is the identity.</summary>
    public enum FrameDropReason
    {
        None = 0,

        /// <summary>The frame ended inside a COBS block (a lost byte, or noise that looked like a delimiter).</summary>
        Cobs = 1,

        /// <summary>The CRC-32 did not match.</summary>
        Crc = 2,

        /// <summary>The frame grew past the maximum before its delimiter; its bytes were discarded, not buffered.</summary>
        Oversize = 3,

        /// <summary>Fewer bytes than a header and a CRC (20).</summary>
        Short = 4,

        /// <summary>A well-formed frame of a link version this code does not speak.</summary>
        BadVersion = 5,
    }

    /// <summary>Names and the count of <see cref="FrameDropReason"/> values.</summary>
    public static class FrameDropReasons
    {
        /// <summary>One more than the largest reason: the size of a table indexed by reason.</summary>
        public const int Count = 6;

        public static string Name(FrameDropReason reason)
        {
            switch (reason)
            {
                case FrameDropReason.None: return "none";
                case FrameDropReason.Cobs: return "cobs";
                case FrameDropReason.Crc: return "crc";
                case FrameDropReason.Oversize: return "oversize";
                case FrameDropReason.Short: return "short";
                case FrameDropReason.BadVersion: return "bad-version";
                default: return "unknown";
            }
        }
    }
}
