namespace Gateway.Protocol.Link
{
    /// <summary>
    /// Sizes of the link (hardware-docs/link.md §5). The negotiated limit is the <b>body</b>: the bytes of one QNX
    /// message or reply in a frame. A frame adds its 16-byte header and 4-byte CRC; on the wire the 12-byte
    /// preamble (marker, length, preamble CRC) goes before it, and nothing else: the payload is copied, never stuffed.
    /// </summary>
    public static class LinkLimits
    {
        /// <summary>The link protocol version this code speaks (header byte 0).</summary>
        public const int Version = 2;

        /// <summary>One page: the data a frame must be able to carry on every board.</summary>
        public const int PageSize = 4096;

        /// <summary>Room for QNX message headers beside the data (an <c>_io_write</c> with an offset is 24 bytes). G.</summary>
        public const int MessageHeadroom = 256;

        /// <summary>The smallest body a link may negotiate: one page plus headroom (4352).</summary>
        public const int MinBody = PageSize + MessageHeadroom;

        /// <summary>The body of the emulated board and desktop links: 16 KiB plus headroom (16640).</summary>
        public const int DesktopBody = (4 * PageSize) + MessageHeadroom;

        /// <summary>The largest body this code ever negotiates (1 MiB); larger offers are clamped to it.</summary>
        public const int MaxBody = 1 << 20;

        /// <summary>The largest window (requests in flight) this code ever negotiates.</summary>
        public const int MaxWindow = 64;

        /// <summary>Header and CRC around every body.</summary>
        public const int FrameOverhead = FrameHeader.Size + FrameHeader.CrcSize;

        /// <summary>The decoded length of a frame with the largest body <paramref name="maxBody"/>.</summary>
        public static int FrameLength(int maxBody)
        {
            return maxBody + FrameOverhead;
        }

        /// <summary>The wire bytes of one frame with a body of at most <paramref name="maxBody"/>: preamble + frame.</summary>
        public static int WireLength(int maxBody)
        {
            return FramePreamble.Size + FrameLength(maxBody);
        }
    }
}
