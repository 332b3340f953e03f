namespace Gateway.ResourceManager
{
    /// <summary>
    /// An open control block (QNX's <c>iofunc_ocb_t</c>): one open of a resource, bound to the
    /// (session, pid, coid) that opened it — or, for a mapping OCB (RM-15), to the memory manager's coid.
    /// OCBs live in a fixed table and are reused.
    /// </summary>
    public sealed class Ocb
    {
        public readonly int Index;
        public bool InUse;
        public ResourceAttr Attr;

        /// <summary>The access this open holds: <c>_IO_FLAG_RD</c>, <c>_IO_FLAG_WR</c>, <c>_IO_FLAG_EX</c> bits, plus the open flags.</summary>
        public uint Ioflag;

        /// <summary>The share mode asked for (<c>SH_*</c>).</summary>
        public ushort Sflag;
        public long Offset;
        public int Session;
        public int Pid;
        public int Coid;

        /// <summary>True for the mapping OCB of RM-15.</summary>
        public bool IsMapping;

        /// <summary>True when this mapping OCB holds the file's exec lock.</summary>
        public bool HoldsExecLock;

        /// <summary>Per-open state of a resource's own handlers (e.g. the /fw/status snapshot).</summary>
        public object State;

        public Ocb(int index)
        {
            Index = index;
        }

        public bool CanRead
        {
            get { return (Ioflag & Gateway.Protocol.Qnx.OpenFlags.IoFlagRead) != 0; }
        }

        public bool CanWrite
        {
            get { return (Ioflag & Gateway.Protocol.Qnx.OpenFlags.IoFlagWrite) != 0; }
        }

        internal void Clear()
        {
            InUse = false;
            Attr = null;
            Ioflag = 0;
            Sflag = 0;
            Offset = 0;
            Session = -1;
            Pid = 0;
            Coid = 0;
            IsMapping = false;
            HoldsExecLock = false;
            State = null;
        }
    }
}
