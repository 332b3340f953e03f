namespace Gateway.Protocol.Qnx
{
    /// <summary>QNX I/O message types (<c>sys/iomsg.h</c>, <c>_IO_BASE</c> = 0x100). qnx-messages.md.</summary>
    public static class IoMessageType
    {
        public const ushort Base = 0x100;
        public const ushort Connect = 0x100;   // _IO_CONNECT
        public const ushort Read = 0x101;      // _IO_READ
        public const ushort Write = 0x102;     // _IO_WRITE
        public const ushort Stat = 0x104;      // _IO_STAT
        public const ushort Notify = 0x105;    // _IO_NOTIFY
        public const ushort Devctl = 0x106;    // _IO_DEVCTL
        public const ushort Pathconf = 0x108;  // _IO_PATHCONF
        public const ushort Lseek = 0x109;     // _IO_LSEEK
        public const ushort Chmod = 0x10A;     // _IO_CHMOD
        public const ushort Chown = 0x10B;     // _IO_CHOWN
        public const ushort Utime = 0x10C;     // _IO_UTIME
        public const ushort Mmap = 0x112;      // _IO_MMAP
        public const ushort Msg = 0x113;       // _IO_MSG
        public const ushort Dup = 0x115;       // _IO_DUP
        public const ushort Close = 0x116;     // _IO_CLOSE
        public const ushort Sync = 0x119;      // _IO_SYNC

        /// <summary><c>_IO_COMBINE_FLAG</c>, OR-ed into <c>combine_len</c> when another message follows.</summary>
        public const ushort CombineFlag = 0x8000;

        /// <summary>The C name of a message type, or null when unknown.</summary>
        public static string Name(int type)
        {
            switch (type)
            {
                case Connect: return "_IO_CONNECT";
                case Read: return "_IO_READ";
                case Write: return "_IO_WRITE";
                case Stat: return "_IO_STAT";
                case Notify: return "_IO_NOTIFY";
                case Devctl: return "_IO_DEVCTL";
                case Pathconf: return "_IO_PATHCONF";
                case Lseek: return "_IO_LSEEK";
                case Chmod: return "_IO_CHMOD";
                case Chown: return "_IO_CHOWN";
                case Utime: return "_IO_UTIME";
                case Mmap: return "_IO_MMAP";
                case Msg: return "_IO_MSG";
                case Dup: return "_IO_DUP";
                case Close: return "_IO_CLOSE";
                case Sync: return "_IO_SYNC";
                default: return null;
            }
        }
    }
}
