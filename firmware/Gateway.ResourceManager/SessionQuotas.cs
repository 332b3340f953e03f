namespace Gateway.ResourceManager
{
    /// <summary>
    /// What each link session holds of /data (resource-manager.md "Quotas", G): the files it created that still
    /// exist and the bytes of RAM they hold. Fixed arrays, one entry per session slot; every check is a lookup,
    /// never a scan of the namespace. The OCBs a session holds are counted by <see cref="OcbTable"/>.
    /// </summary>
    public sealed class SessionQuotas
    {
        private readonly int[] files;
        private readonly long[] bytes;

        public SessionQuotas(int sessions)
        {
            int n = sessions > 0 ? sessions : 1;
            files = new int[n];
            bytes = new long[n];
        }

        /// <summary>Files <paramref name="session"/> created that still exist.</summary>
        public int Files(int session)
        {
            return Valid(session) ? files[session] : 0;
        }

        /// <summary>Bytes of RAM the files of <paramref name="session"/> hold.</summary>
        public long Bytes(int session)
        {
            return Valid(session) ? bytes[session] : 0;
        }

        internal void AddFile(int session)
        {
            if (Valid(session))
            {
                files[session]++;
            }
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

        /// <summary>The session ended and its files went with it.</summary>
        internal void Reset(int session)
        {
            if (Valid(session))
            {
                files[session] = 0;
                bytes[session] = 0;
            }
        }

        private bool Valid(int session)
        {
            return session >= 0 && session < files.Length;
        }
    }
}
