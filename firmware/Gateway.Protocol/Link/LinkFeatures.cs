namespace Gateway.Protocol.Link
{
    /// <summary>
    /// Feature bits of HELLO. The host asks for bits; the board grants the ones it has (HELLO_REPLY carries
    /// <c>asked &amp; supported</c>). An unknown bit is answered by leaving it clear: the defined "unsupported".
    /// </summary>
    public static class LinkFeatures
    {
        /// <summary>The board sends EVENT frames to this session.</summary>
        public const uint Events = 0x00000001;

        /// <summary>Every feature this link version knows.</summary>
        public const uint Known = Events;
    }
}
