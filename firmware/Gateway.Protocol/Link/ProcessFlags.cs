namespace Gateway.Protocol.Link
{
    /// <summary>
    /// DECLARE (host → board, sequenced): header a = pid, b = these flags (a bit set); body = <c>_cred_info</c>
    /// (60 bytes, Messages.CredInfo). Answered by a REPLY with the errno of IMessageHandler.DeclareProcess
    /// (0 = declared). Bits not defined here are written as zero and ignored.
    /// </summary>
    [System.Flags]
    public enum ProcessFlags
    {
        /// <summary>A 32-bit process: no bit set.</summary>
        None = 0,

        /// <summary>A 64-bit process (the default of rules.md §0); clear for a 32-bit one.</summary>
        Bits64 = 0x1,
    }
}
