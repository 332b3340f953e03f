using Gateway.Protocol.Qnx;

namespace Gateway.ResourceManager
{
    /// <summary>
    /// A mount: the flags every resource under it shares (read-only, no-exec) and, Gateway's own (G), whether
    /// O_CREAT may create files there and how much RAM its growable files may use.
    /// </summary>
    public sealed class Mount
    {
        public readonly string Name;
        public readonly uint Flags;
        public readonly bool Creatable;

        /// <summary>Bytes of RAM growable files on this mount may hold in all (0 = files cannot grow).</summary>
        public readonly int RamBudget;

        /// <summary>Bytes currently held by the mount's growable files.</summary>
        public int RamUsed;

        public Mount(string name, uint flags, bool creatable, int ramBudget)
        {
            Name = name;
            Flags = flags;
            Creatable = creatable;
            RamBudget = ramBudget;
        }

        public bool ReadOnly
        {
            get { return (Flags & MountFlags.ReadOnly) != 0; }
        }

        public bool NoExec
        {
            get { return (Flags & MountFlags.NoExec) != 0; }
        }
    }
}
