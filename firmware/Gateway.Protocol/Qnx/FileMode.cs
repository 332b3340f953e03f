namespace Gateway.Protocol.Qnx
{
    /// <summary><c>st_mode</c> file types and permission bits (<c>sys/stat.h</c>). qnx-messages.md.</summary>
    public static class FileMode
    {
        public const uint TypeMask = 0xF000;   // S_IFMT
        public const uint Fifo = 0x1000;       // S_IFIFO
        public const uint Chr = 0x2000;        // S_IFCHR
        public const uint Dir = 0x4000;        // S_IFDIR
        public const uint Nam = 0x5000;        // S_IFNAM: QNX named special file
        public const uint Blk = 0x6000;        // S_IFBLK
        public const uint Reg = 0x8000;        // S_IFREG
        public const uint Lnk = 0xA000;        // S_IFLNK
        public const uint Sock = 0xC000;       // S_IFSOCK

        public const uint SetUid = 0x800;      // S_ISUID 04000
        public const uint SetGid = 0x400;      // S_ISGID 02000
        public const uint Sticky = 0x200;      // S_ISVTX 01000
        public const uint PermMask = 0xFFF;    // 07777

        public const uint UserRead = 0x100;    // 0400
        public const uint UserWrite = 0x80;    // 0200
        public const uint UserExec = 0x40;     // 0100
        public const uint GroupRead = 0x20;    // 040
        public const uint GroupWrite = 0x10;   // 020
        public const uint GroupExec = 0x8;     // 010
        public const uint OtherRead = 0x4;     // 04
        public const uint OtherWrite = 0x2;    // 02
        public const uint OtherExec = 0x1;     // 01
        public const uint AnyExec = 0x49;      // 0111

        /// <summary>S_IFNAM subtypes carried in st_rdev.</summary>
        public const uint SubtypeSem = 1;      // _S_INSEM
        public const uint SubtypeShm = 2;      // _S_INSHD
        public const uint SubtypeMq = 3;       // _S_INMQ
        public const uint SubtypeTmo = 4;      // _S_INTMO

        public static bool IsDir(uint mode) { return (mode & TypeMask) == Dir; }
        public static bool IsReg(uint mode) { return (mode & TypeMask) == Reg; }
        public static bool IsNam(uint mode) { return (mode & TypeMask) == Nam; }
    }
}
