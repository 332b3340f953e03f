namespace Gateway.Protocol.Qnx
{
    /// <summary><c>_IO_CONNECT</c> subtypes (<c>_IO_CONNECT_*</c>).</summary>
    public static class ConnectSubtype
    {
        public const ushort Combine = 0;       // _IO_CONNECT_COMBINE
        public const ushort CombineClose = 1;  // _IO_CONNECT_COMBINE_CLOSE
        public const ushort Open = 2;          // _IO_CONNECT_OPEN
        public const ushort Unlink = 3;
        public const ushort Rename = 4;
        public const ushort Mknod = 5;
        public const ushort Readlink = 6;
        public const ushort Link = 7;
        public const ushort Mount = 9;
    }
}
