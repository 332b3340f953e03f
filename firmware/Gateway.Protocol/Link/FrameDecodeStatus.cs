namespace Gateway.Protocol.Link
{
    /// <summary>What the last <see cref="FrameDecoder.Feed"/> call ended with.</summary>
    public enum FrameDecodeStatus
    {
        /// <summary>All input was consumed without completing a frame.</summary>
        NeedMore = 0,

        /// <summary>A frame passed every check; its header and body are in the decoder until the next Feed.</summary>
        Frame = 1,

        /// <summary>A frame ended at its delimiter and was dropped; <see cref="FrameDecoder.DropReason"/> says why.</summary>
        Dropped = 2,
    }
}
