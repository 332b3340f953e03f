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
}
