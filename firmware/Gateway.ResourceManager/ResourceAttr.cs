using Gateway.Protocol.Qnx;

namespace Gateway.ResourceManager
{
    /// <summary>
    /// A resource's attributes (QNX's <c>iofunc_attr_t</c>): identity, mode, owner, size, times, mount, the
    /// open/read/write counts and share-mode counts, the exec locks and mapping OCBs, its handler table, and
    /// for RAM-backed resources the bytes themselves. One per namespace entry, allocated at build time.
    /// </summary>
    public sealed class ResourceAttr
    {
        /// <summary>The absolute path, e.g. "/dev/gpio/bank0" (for /fw/status and /fw/map).</summary>
        public string Path;

        /// <summary>The last path component as bytes, matched against request paths without allocating.</summary>
        public byte[] Name;

        public uint Mode;
        public int Uid;
        public int Gid;
        public long Size;
        public ulong Ino;
        public uint Rdev;
        public Mount Mount;

        public long MtimeSec;
        public int MtimeNsec;
        public long AtimeSec;
        public int AtimeNsec;
        public long CtimeSec;
        public int CtimeNsec;

        /// <summary>
        /// The resource's handler table, to set handlers on (created on first use: most resources have none, and on
        /// the ESP32 a table per resource would cost ~3 KB). Empty slots run the iofunc defaults (RM-4). The
        /// dispatcher reads <see cref="Handlers"/>, which never creates one.
        /// </summary>
        public IoFuncs Funcs
        {
            get
            {
                if (funcs == null)
                {
                    funcs = new IoFuncs();
                }

                return funcs;
            }
        }

        /// <summary>The handler table to dispatch through: the resource's own, or the shared empty one (every slot the default).</summary>
        public IoFuncs Handlers
        {
            get { return funcs != null ? funcs : IoFuncs.None; }
        }

        private IoFuncs funcs;

        /// <summary>Which default the mmap slot runs.</summary>
        public MmapReplyKind MmapReply;

        /// <summary>The resource's own extended-reply flags (cache mode, BYPASS_FSTATVFS, REMOVABLE, SERVER_SHMEM_OBJECT; RM-18).</summary>
        public uint MmapFlags;

        /// <summary>A fixed stat form (e.g. T32_2008), or 0 for the board's preferred form (RM-16).</summary>
        public int FixedStatForm;

        /// <summary>The shared memory object's id (≥ 1) when served as one (RM-17), else 0.</summary>
        public int SharedObjectId;

        /// <summary>
        /// True for fixed-size regions (S_IFCHR regions, shared objects): mmap bounds are checked (RM-13) and
        /// writes never grow them (RM-2). Regular files are not fixed-size.
        /// </summary>
        public bool FixedSize;

        /// <summary>
        /// Mappable windows as [start, length] pairs (e.g. /dev/mem's declared device windows), or null when the
        /// whole resource may be mapped. A range outside every window → ENXIO (RM-13).
        /// </summary>
        public ulong[] Windows;

        /// <summary>RAM-backed content (regular files, RAM regions), or null for resources whose handlers own their bytes.</summary>
        public byte[] Data;

        /// <summary>True when writes past the end grow the file (regular files on a mount with a RAM budget).</summary>
        public bool Growable;

        /// <summary>The device object behind a resource, for its handlers.</summary>
        public object Device;

        // The namespace tree: children in the order they were added (table order, then creation order).
        public ResourceAttr Parent;
        public ResourceAttr FirstChild;
        public ResourceAttr NextSibling;
        public int ChildCount;

        // QNX's count, rcount, wcount, rlocks, wlocks; plus Gateway's exec locks and mapping OCBs.
        public int OpenCount;
        public int ReadCount;
        public int WriteCount;
        public int DenyReadCount;
        public int DenyWriteCount;
        public int ExecLocks;
        public int MappingOcbs;

        /// <summary>False for entries /fw/status leaves out (itself).</summary>
        public bool ListedInStatus = true;

        /// <summary>
        /// Taken out of the namespace (its creating session ended) while an OCB may still hold it; its RAM returns at
        /// the last close (resource-manager.md "Quotas"). Only the root has no parent otherwise.
        /// </summary>
        public bool Unlinked
        {
            get { return Parent == null && Name != null && Name.Length > 0; }
        }

        public bool IsDirectory
        {
            get { return FileMode.IsDir(Mode); }
        }

        public bool IsRegular
        {
            get { return FileMode.IsReg(Mode); }
        }

        /// <summary>True when the name equals <paramref name="count"/> bytes of <paramref name="b"/> at <paramref name="o"/>.</summary>
        public bool NameEquals(byte[] b, int o, int count)
        {
            if (Name == null || Name.Length != count)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                if (Name[i] != b[o + i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
