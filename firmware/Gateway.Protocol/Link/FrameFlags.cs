namespace Gateway.Protocol.Link
{
    /// <summary>The <c>flags</c> byte of a link frame. Bits not defined here are written as zero and ignored on receipt.</summary>
    public static class FrameFlags
    {
        /// <summary>On replies (REPLY, HELLO_REPLY, AUTH_REPLY): <c>a</c> is a QNX errno rather than a status.</summary>
        public const int Error = 0x01;
    }
}
