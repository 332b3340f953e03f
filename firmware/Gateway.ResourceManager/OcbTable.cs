namespace Gateway.ResourceManager
{
    /// <summary>The fixed OCB table shared by client and mapping OCBs (behaviour.md §5).</summary>
    public sealed class OcbTable
    {
        private Ocb last;

        private readonly Ocb[] slots;

        public OcbTable(int size)
        {
            slots = new Ocb[size];
            for (int i = 0; i < size; i++)
            {
                slots[i] = new Ocb(i);
                slots[i].Session = -1;
            }
        }

        public int Capacity
        {
            get { return slots.Length; }
        }

        public Ocb this[int index]
        {
            get { return slots[index]; }
        }

        /// <summary>
        /// The OCB bound to (session, pid, coid), or null. The last one found is checked first: requests come in runs
        /// on one descriptor (a page-in is an lseek and a read on the same coid), so the common case scans nothing.
        /// Its fields are checked on every use, so a closed or rebound slot is never returned by mistake.
        /// </summary>
        public Ocb Find(int session, int pid, int coid)
        {
            Ocb hit = last;
            if (hit != null && hit.InUse && hit.Session == session && hit.Pid == pid && hit.Coid == coid)
            {
                return hit;
            }

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

        /// <summary>The mapping OCB of (attr, session), or null (RM-15: one per file per memory-manager session).</summary>
        public Ocb FindMapping(ResourceAttr attr, int session)
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

        public bool HasFree
        {
            get
            {
                for (int i = 0; i < slots.Length; i++)
                {
                    if (!slots[i].InUse)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>Takes a free slot, or returns null when the table is full.</summary>
        public Ocb Allocate()
        {
            for (int i = 0; i < slots.Length; i++)
            {
                if (!slots[i].InUse)
                {
                    slots[i].Clear();
                    slots[i].InUse = true;
                    return slots[i];
                }
            }

            return null;
        }

        /// <summary>Client OCBs (fds) a process holds.</summary>
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

        public int CountInUse()
        {
            int n = 0;
            for (int i = 0; i < slots.Length; i++)
            {
                if (slots[i].InUse)
                {
                    n++;
                }
            }

            return n;
        }

        internal void Release(Ocb ocb)
        {
            ocb.Clear();
        }
    }
}
