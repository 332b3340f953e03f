namespace Gateway.Protocol.Qnx
{
    /// <summary>Open flags (<c>fcntl.h</c>), the wire <c>ioflag</c> encoding and share flags.</summary>
    public static class OpenFlags
    {
        public const uint ReadOnly = 0;     // O_RDONLY
        public const uint WriteOnly = 1;    // O_WRONLY
        public const uint ReadWrite = 2;    // O_RDWR
        public const uint Exec = 3;         // O_EXEC
        public const uint AccMode = 7;      // O_ACCMODE (3 in 6.4)
        public const uint Append = 0x8;     // 010
        public const uint Creat = 0x100;    // 0400
        public const uint Trunc = 0x200;    // 01000
        public const uint Excl = 0x400;     // 02000

        /// <summary><c>_IO_FLAG_RD</c>.</summary>
        public const uint IoFlagRead = 1;
        /// <summary><c>_IO_FLAG_WR</c>.</summary>
        public const uint IoFlagWrite = 2;
        /// <summary><c>_IO_FLAG_EX</c> (O_EXEC's access on the wire).</summary>
        public const uint IoFlagExec = 4;
        /// <summary><c>_IO_FLAG_MASK</c> (3 in 6.4).</summary>
        public const uint IoFlagMask = 7;

        /// <summary>
        /// The wire ioflag for open flags: the access mode plus one (O_RDONLY → RD, O_WRONLY → WR,
        /// O_RDWR → RD|WR); O_EXEC → <c>_IO_FLAG_EX</c>. Other flag bits pass unchanged.
        /// </summary>
        public static uint ToIoFlag(uint oflag)
        {
            uint acc = oflag & AccMode;
            uint rest = oflag & ~AccMode;
            uint io;
            if (acc == Exec)
            {
                io = IoFlagExec;
            }
            else
            {
                io = (acc + 1) & IoFlagMask;
            }

            return rest | io;
        }

        /// <summary>RM-1: the access asked for is <c>ioflag &amp; (~_IO_FLAG_MASK | access)</c>.</summary>
        public static uint EffectiveIoFlag(uint ioflag, uint access)
        {
            return ioflag & (~IoFlagMask | access);
        }

        public const ushort ShCompat = 0;
        public const ushort ShDenyRw = 0x10;
        public const ushort ShDenyWr = 0x20;
        public const ushort ShDenyRd = 0x30;
        public const ushort ShDenyNo = 0x40;
        public const ushort ShMask = 0x70;
    }
}
