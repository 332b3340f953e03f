namespace Gateway.Protocol.Qnx
{
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
}
