namespace Gateway.ResourceManager
{
    /// <summary>
    /// The fixed OCB table shared by client and mapping OCBs (rules.md §5), with what the common path needs in
    /// constant time: a count of OCBs in use, the OCBs each session holds (its quota, resource-manager.md "Quotas")
    /// and, for tables larger than <see cref="IndexedAbove"/>, a free list and two small fixed hash indexes —
    /// (session, pid, coid) → OCB for every request and (file, session) → mapping OCB for every mmap — so no request
    /// scans a large table. A small table (the ESP32's 16) is scanned as it always was: its indexes would cost more
    /// heap than the scan costs time. Ending a session still walks the table: it is rare.
    /// </summary>
    public sealed class OcbTable
    {
        /// <summary>Tables up to this many slots are scanned instead of indexed.</summary>
        public const int IndexedAbove = 16;

        private readonly Ocb[] slots;

        // Free slots as a stack of indexes (indexed tables only); freeCount slots are free in any table.
        private readonly int[] free;
        private int freeCount;

        // OCBs held per session (client and mapping alike); null on a one-session board.
        private readonly int[] perSession;

        // Hash chains: head[bucket] and next[slot] hold a slot index + 1 (0 ends a chain). "Bound" covers every OCB
        // in use by (session, pid, coid); "mapped" covers mapping OCBs by (file, session).
        private readonly int[] boundHead;
        private readonly int[] boundNext;
        private readonly int[] mappedHead;
        private readonly int[] mappedNext;
        private readonly int mask;

        private Ocb last;

        public OcbTable(int size, int sessions)
        {
            slots = new Ocb[size];
            for (int i = 0; i < size; i++)
            {
                slots[i] = new Ocb(i);
                slots[i].Session = -1;
            }

            freeCount = size;
            perSession = sessions > 1 ? new int[sessions] : null;
            if (size <= IndexedAbove)
            {
                return;
            }

            free = new int[size];
            for (int i = 0; i < size; i++)
            {
                free[i] = size - 1 - i; // slot 0 is handed out first
            }

            int buckets = 8;
            while (buckets < size)
            {
                buckets <<= 1;
            }

            boundHead = new int[buckets];
            boundNext = new int[size];
            mappedHead = new int[buckets];
            mappedNext = new int[size];
            mask = buckets - 1;
        }

        public int Capacity
        {
            get { return slots.Length; }
        }

        public Ocb this[int index]
        {
            get { return slots[index]; }
        }

        public bool HasFree
        {
            get { return freeCount > 0; }
        }

        public int CountInUse()
        {
            return slots.Length - freeCount;
        }

        /// <summary>The OCBs <paramref name="session"/> holds, client and mapping OCBs alike.</summary>
        public int InSession(int session)
        {
            if (perSession == null)
            {
                return session == 0 ? slots.Length - freeCount : 0;
            }

            return session >= 0 && session < perSession.Length ? perSession[session] : 0;
        }

        /// <summary>
        /// The OCB bound to (session, pid, coid), or null. The last one found is checked first: requests come in runs
        /// on one descriptor (a page-in is an lseek and a read on the same coid).
        /// </summary>
        public Ocb Find(int session, int pid, int coid)
        {
            Ocb hit = last;
            if (hit != null && hit.InUse && hit.Session == session && hit.Pid == pid && hit.Coid == coid)
            {
                return hit;
            }

            if (free == null)
            {
                for (int i = 0; i < slots.Length; i++)
                {
                    Ocb o = slots[i];
                    if (o.InUse && o.Session == session && o.Pid == pid && o.Coid == coid)
                    {
                        last = o;
                        return o;
                    }
                }

                return null;
            }

            for (int k = boundHead[BoundBucket(session, pid, coid)]; k != 0; k = boundNext[k - 1])
            {
                Ocb o = slots[k - 1];
                if (o.Session == session && o.Pid == pid && o.Coid == coid)
                {
                    last = o;
                    return o;
                }
            }

            return null;
        }

        /// <summary>The mapping OCB of (attr, session), or null (RM-15: one per file per memory-manager session).</summary>
        public Ocb FindMapping(ResourceAttr attr, int session)
        {
            if (free == null)
            {
                for (int i = 0; i < slots.Length; i++)
                {
                    Ocb o = slots[i];
                    if (o.InUse && o.IsMapping && o.Attr == attr && o.Session == session)
                    {
                        return o;
                    }
                }

                return null;
            }

            for (int k = mappedHead[MappedBucket(attr, session)]; k != 0; k = mappedNext[k - 1])
            {
                Ocb o = slots[k - 1];
                if (o.Attr == attr && o.Session == session)
                {
                    return o;
                }
            }

            return null;
        }

        /// <summary>
        /// Takes a free slot and binds it to (session, pid, coid) and <paramref name="attr"/> (a mapping OCB when
        /// <paramref name="mapping"/>), or returns null when the table is full. Quotas are the caller's to check.
        /// </summary>
        public Ocb Allocate(int session, int pid, int coid, ResourceAttr attr, bool mapping)
        {
            if (freeCount == 0)
            {
                return null;
            }

            Ocb o = null;
            if (free != null)
            {
                o = slots[free[freeCount - 1]];
            }
            else
            {
                for (int i = 0; i < slots.Length && o == null; i++)
                {
                    if (!slots[i].InUse)
                    {
                        o = slots[i];
                    }
                }
            }

            freeCount--;
            o.Clear();
            o.InUse = true;
            o.Session = session;
            o.Pid = pid;
            o.Coid = coid;
            o.Attr = attr;
            o.IsMapping = mapping;

            if (free != null)
            {
                int b = BoundBucket(session, pid, coid);
                boundNext[o.Index] = boundHead[b];
                boundHead[b] = o.Index + 1;
                if (mapping)
                {
                    int m = MappedBucket(attr, session);
                    mappedNext[o.Index] = mappedHead[m];
                    mappedHead[m] = o.Index + 1;
                }
            }

            if (perSession != null && session >= 0 && session < perSession.Length)
            {
                perSession[session]++;
            }

            return o;
        }

        /// <summary>Client OCBs (fds) a process holds (a scan; the resource manager keeps its own count per process).</summary>
        public int CountFds(int session, int pid)
        {
            int n = 0;
            for (int i = 0; i < slots.Length; i++)
            {
                Ocb o = slots[i];
                if (o.InUse && !o.IsMapping && o.Session == session && o.Pid == pid)
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>Frees an OCB: out of both indexes and its session's count, back on the free list (its counts are the caller's).</summary>
        public void Release(Ocb ocb)
        {
            if (!ocb.InUse)
            {
                return;
            }

            if (free != null)
            {
                Unchain(boundHead, boundNext, BoundBucket(ocb.Session, ocb.Pid, ocb.Coid), ocb.Index);
                if (ocb.IsMapping)
                {
                    Unchain(mappedHead, mappedNext, MappedBucket(ocb.Attr, ocb.Session), ocb.Index);
                }

                free[freeCount] = ocb.Index;
            }

            if (perSession != null && ocb.Session >= 0 && ocb.Session < perSession.Length)
            {
                perSession[ocb.Session]--;
            }

            if (last == ocb)
            {
                last = null;
            }

            ocb.Clear();
            freeCount++;
        }

        private static void Unchain(int[] head, int[] next, int bucket, int index)
        {
            int k = head[bucket];
            if (k == index + 1)
            {
                head[bucket] = next[index];
                next[index] = 0;
                return;
            }

            while (k != 0)
            {
                int n = next[k - 1];
                if (n == index + 1)
                {
                    next[k - 1] = next[index];
                    next[index] = 0;
                    return;
                }

                k = n;
            }
        }

        private int BoundBucket(int session, int pid, int coid)
        {
            // Fibonacci hashing; the high bits are the well-mixed ones.
            uint h = ((uint)coid * 2654435761u) ^ ((uint)pid * 2246822519u) ^ ((uint)session * 3266489917u);
            return (int)(h >> 16) & mask;
        }

        private int MappedBucket(ResourceAttr attr, int session)
        {
            ulong ino = attr != null ? attr.Ino : 0;
            uint h = ((uint)ino * 2654435761u) ^ ((uint)(ino >> 32) * 2246822519u) ^ ((uint)session * 3266489917u);
            return (int)(h >> 16) & mask;
        }
    }
}
