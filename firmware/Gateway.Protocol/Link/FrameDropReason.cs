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
}
