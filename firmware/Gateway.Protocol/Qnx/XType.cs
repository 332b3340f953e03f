namespace Gateway.Protocol.Qnx
{
    /// <summary><c>xtype</c> of read and write (<c>_IO_XTYPE_*</c>).</summary>
    public static class XType
    {
        public const uint None = 0;
        public const uint ReadCond = 1;
        public const uint MQueue = 2;
        public const uint TcpIp = 3;
        public const uint TcpIpMsg = 4;
        public const uint Offset = 5;   // struct _xtype_offset (one i64) follows the 16-byte header
        public const uint Mask = 0xFF;
    }
}
