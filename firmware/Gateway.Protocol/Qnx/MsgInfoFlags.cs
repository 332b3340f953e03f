namespace Gateway.Protocol.Qnx
{
    /// <summary><c>_NTO_MI_*</c> flags of <c>_msg_info</c>.</summary>
    public static class MsgInfoFlags
    {
        public const ushort EndianBig = 0x1;
        public const ushort EndianDiff = 0x2;
        public const ushort UnblockReq = 0x100;
        public const ushort Bits64 = 0x1000;
        public const ushort BitsDiff = 0x2000;
    }
}
