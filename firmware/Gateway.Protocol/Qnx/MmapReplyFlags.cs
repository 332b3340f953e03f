namespace Gateway.Protocol.Qnx
{
    /// <summary><c>_IO_MMAP_REPLY_FLAGS_*</c> of the extended mmap reply and their helpers. qnx-messages.md.</summary>
    public static class MmapReplyFlags
    {
        public const uint UseExtended = 0x01;
        public const uint CacheDefault = 0x00;
        public const uint CacheForceInvalidate = 0x02;
        public const uint CacheReadFromCache = 0x04;
        public const uint CacheDeferToMemmgr = 0x06;
        public const uint CacheMask = 0x06;
        public const uint StatFormMask = 0x18;
        public const uint BypassFstatvfs = 0x20;
        public const uint Removable = 0x40;
        public const uint ServerShmemObject = 0x80;

        /// <summary>Every bit QNX 7.1 defines.</summary>
        public const uint Known = 0xFF;

        /// <summary><c>_IO_MMAP_REPLY_FLAGS_STAT_FORM_TO_FLAGS(form)</c> = (form &lt;&lt; 3) &amp; 0x18.</summary>
        public static uint StatFormToFlags(int form)
        {
            return ((uint)form << 3) & StatFormMask;
        }

        /// <summary><c>_IO_MMAP_REPLY_FLAGS_STAT_FORM(flags)</c> = (flags &amp; 0x18) &gt;&gt; 3.</summary>
        public static int StatForm(uint flags)
        {
            return (int)((flags & StatFormMask) >> 3);
        }

        public static uint CacheMode(uint flags) { return flags & CacheMask; }
        public static bool IsExtended(uint flags) { return (flags & UseExtended) != 0; }
        public static bool BypassesFstatvfs(uint flags) { return (flags & BypassFstatvfs) != 0; }
        public static bool IsRemovable(uint flags) { return (flags & Removable) != 0; }
        public static bool IsSharedObject(uint flags) { return (flags & ServerShmemObject) != 0; }

        /// <summary>The C names of the set flags, joined with '|', e.g. "USE_EXTENDED|CACHE_FORCE_INVALIDATE|STAT_FORM(3)".</summary>
        public static string Describe(uint flags)
        {
            string s = "";
            if ((flags & UseExtended) != 0) { s = Append(s, "USE_EXTENDED"); }
            switch (flags & CacheMask)
            {
                case CacheForceInvalidate: s = Append(s, "CACHE_FORCE_INVALIDATE"); break;
                case CacheReadFromCache: s = Append(s, "CACHE_READ_FROM_CACHE"); break;
                case CacheDeferToMemmgr: s = Append(s, "CACHE_DEFER_TO_MEMMGR"); break;
                default: s = Append(s, "CACHE_DEFAULT"); break;
            }

            s = Append(s, "STAT_FORM(" + StatForm(flags).ToString() + ")");
            if ((flags & BypassFstatvfs) != 0) { s = Append(s, "BYPASS_FSTATVFS"); }
            if ((flags & Removable) != 0) { s = Append(s, "REMOVABLE"); }
            if ((flags & ServerShmemObject) != 0) { s = Append(s, "SERVER_SHMEM_OBJECT"); }
            if ((flags & ~Known) != 0) { s = Append(s, "UNKNOWN"); }
            return s;
        }

        private static string Append(string s, string name)
        {
            return s.Length == 0 ? name : s + "|" + name;
        }
    }
}
