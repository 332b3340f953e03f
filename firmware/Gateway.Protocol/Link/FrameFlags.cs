namespace Gateway.Protocol.Link
{
    /// <summary>
    /// The <c>flags</c> byte of a link frame (hardware-docs/link.md §2), a bit set. Bits not defined here are written
    /// as zero and ignored on receipt (a header read keeps them, so <see cref="FrameHeader.Flags"/> is the byte as sent).
    /// </summary>
    [System.Flags]
    public enum FrameFlags
    {
        None = 0,

        /// <summary>On replies (REPLY, HELLO_REPLY, AUTH_REPLY): <c>a</c> is a QNX errno rather than a status.</summary>
        Error = 0x01,
    }
}
