namespace Gateway.ResourceManager
{
    /// <summary>
    /// What each link session holds of /data (resource-manager.md "Quotas", G): the files it created that still
    /// exist — which also says whose quota a file's bytes count against — and the bytes of RAM they hold. Fixed
    /// arrays, sessions × <see cref="RmConfig.FilesPerSession"/> entries; nothing is tracked on a one-session board
    /// (the ESP32: its one session has the board), so there the arrays are empty. The OCBs a session holds are
    /// counted by <see cref="OcbTable"/>.
    /// </summary>
    public sealed class SessionQuotas
    {
        private readonly int perSession;

        // created[session * perSession + k]: the files the session created that still exist (null: a free entry).
        private readonly ResourceAttr[] created;
        private readonly long[] bytes;

        public SessionQuotas(int sessions, int filesPerSession)
        {
            int n = sessions > 1 && filesPerSession > 0 ? sessions : 0;
            perSession = n > 0 ? filesPerSession : 0;
            created = new ResourceAttr[n * perSession];
            bytes = new long[n];
        }

        /// <summary>False on a one-session board or without a file quota: files belong to the board and stay.</summary>
        public bool Tracking
        {
            get { return perSession > 0; }
        }

        /// <summary>Files <paramref name="session"/> created that still exist.</summary>
        public int Files(int session)
        {
            int n = 0;
            if (Valid(session))
            {
                for (int k = session * perSession; k < (session + 1) * perSession; k++)
                {
                    if (created[k] != null)
                    {
                        n++;
                    }
                }
            }

            return n;
        }

        /// <summary>Bytes of RAM the files of <paramref name="session"/> hold.</summary>
        public long Bytes(int session)
        {
            return Valid(session) ? bytes[session] : 0;
        }

        /// <summary>The session that created <paramref name="attr"/> and whose quota it counts against, or -1 (the board's).</summary>
        public int OwnerOf(ResourceAttr attr)
        {
            for (int k = 0; k < created.Length; k++)
            {
                if (created[k] == attr)
                {
                    return k / perSession;
                }
            }

            return -1;
        }

        /// <summary>Records a file the session created; false when it holds its whole file quota (EDQUOT).</summary>
        internal bool AddFile(int session, ResourceAttr attr)
        {
            if (!Valid(session))
            {
                return true;
            }

            for (int k = session * perSession; k < (session + 1) * perSession; k++)
            {
                if (created[k] == null)
                {
                    created[k] = attr;
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when the session may create one more file.</summary>
        internal bool HasFileRoom(int session)
        {
            return !Valid(session) || Files(session) < perSession;
        }

        internal void AddBytes(int session, long n)
        {
            if (Valid(session))
            {
                bytes[session] += n;
            }
        }

        /// <summary>
        /// RAM promised to sessions and not yet used: every session slot, live or free, keeps its whole quota
        /// available, so what the board's own files may still grow into is what this leaves of the mount.
        /// </summary>
        internal long Unused(long quota)
        {
            long n = 0;
            for (int s = 0; s < bytes.Length; s++)
            {
                if (bytes[s] < quota)
                {
                    n += quota - bytes[s];
                }
            }

            return n;
        }

        /// <summary>Takes one file of the session off its list (the session ended), or null when none is left.</summary>
        internal ResourceAttr TakeFile(int session)
        {
            if (Valid(session))
            {
                for (int k = session * perSession; k < (session + 1) * perSession; k++)
                {
                    ResourceAttr a = created[k];
                    if (a != null)
                    {
                        created[k] = null;
                        return a;
                    }
                }
            }

            return null;
        }

        /// <summary>The session ended and its files went with it: its quota starts empty.</summary>
        internal void Reset(int session)
        {
            if (Valid(session))
            {
                bytes[session] = 0;
            }
        }

        private bool Valid(int session)
        {
            return perSession > 0 && session >= 0 && session < bytes.Length;
        }
    }
}
