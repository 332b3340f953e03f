namespace Gateway.Protocol.Qnx
{
    /// <summary>QNX <c>PROT_*</c> (<c>sys/mman.h</c>); not the Linux values. qnx-messages.md.</summary>
    public static class Prot
    {
        public const uint None = 0;
        public const uint Read = 0x100;
        public const uint Write = 0x200;
        public const uint Exec = 0x400;
        public const uint NoCache = 0x800;
        public const uint Mask = 0xF00;

        /// <summary>READ, WRITE and EXEC: the only bits the resource manager checks (RM-9).</summary>
        public const uint Rwx = Read | Write | Exec;
    }

    /// <summary>QNX <c>MAP_*</c> and <c>MS_*</c> (<c>sys/mman.h</c>, QNX 7.1 values). qnx-messages.md.</summary>
    public static class MapFlags
    {
        public const uint Shared = 0x1;
        public const uint Private = 0x2;
        public const uint Type = 0x3;            // 7.1; 0xF in 6.4/7.0
        public const uint Fixed = 0x10;
        public const uint Elf = 0x20;
        public const uint NoSyncFile = 0x40;     // 0 in 8.0
        public const uint Lazy = 0x80;
        public const uint Stack = 0x1000;
        public const uint Below = 0x2000;
        public const uint NoInit = 0x4000;
        public const uint Phys = 0x10000;
        public const uint NoInherit = 0x20000;
        public const uint Handle = 0x40000;
        public const uint Anon = 0x80000;
        public const uint SysRam = 0x1000000;
        public const uint ReservMask = 0xFFF00000;

        /// <summary>Bits QNX reserves below MAP_RESERVMASK: 0x4, 0x8, 0x8000.</summary>
        public const uint ReservedLow = 0x4 | 0x8 | 0x8000;

        public const uint MsAsync = 1;
        public const uint MsSync = 2;
        public const uint MsInvalidate = 4;

        public const int NoFd = -1;
    }

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

    /// <summary>Mount flags: <c>_MOUNT_READONLY</c> (= ST_RDONLY), no-exec, no-suid.</summary>
    public static class MountFlags
    {
        public const uint ReadOnly = 0x01;
        public const uint NoExec = 0x02;
        public const uint NoSuid = 0x04;
    }
}
