using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;

namespace Gateway.ResourceManager
{
    /// <summary>
    /// The fixed table of declared processes, sessions × processes per session. Every request looks its sender up
    /// (an undeclared pid is refused EPERM), so <see cref="Find"/> goes through a small fixed hash index — buckets
    /// of entry numbers chained through <c>next</c> — instead of scanning every entry (on the interpreter a full
    /// scan of 128 entries was 17.5 µs per refusal). Declaring and ending a session still walk the table: they are
    /// rare.
    /// </summary>
    public sealed class ProcessTable
    {
        private readonly ProcessEntry[] entries;

        // head[bucket] and next[entry] hold an entry number + 1 (0 ends a chain).
        private readonly int[] head;
        private readonly int[] next;
        private readonly int mask;

        public ProcessTable(int size)
        {
            entries = new ProcessEntry[size];
            for (int i = 0; i < size; i++)
            {
                entries[i] = new ProcessEntry();
            }

            int buckets = 8;
            while (buckets < size)
            {
                buckets <<= 1;
            }

            head = new int[buckets];
            next = new int[size];
            mask = buckets - 1;
        }

        public ProcessEntry Find(int session, int pid)
        {
            for (int k = head[Bucket(session, pid)]; k != 0; k = next[k - 1])
            {
                ProcessEntry e = entries[k - 1];
                if (e.Live && e.Session == session && e.Pid == pid)
                {
                    return e;
                }
            }

            return null;
        }

        /// <summary>
        /// How many entries <see cref="Find"/> looks at for (session, pid): the chain of its bucket up to the match, or
        /// the whole chain when there is none. Not on the request path: it states the index's cost in interpreted
        /// steps for the benchmarks (performance.md §1.1) and the index's tests.
        /// </summary>
        public int Probes(int session, int pid)
        {
            int n = 0;
            for (int k = head[Bucket(session, pid)]; k != 0; k = next[k - 1])
            {
                n++;
                ProcessEntry e = entries[k - 1];
                if (e.Live && e.Session == session && e.Pid == pid)
                {
                    break;
                }
            }

            return n;
        }

        private int Bucket(int session, int pid)
        {
            // Fibonacci hashing of the pid, the session mixed in; the high bits are the well-mixed ones.
            uint h = ((uint)pid * 2654435761u) ^ ((uint)session * 2246822519u);
            return (int)(h >> 16) & mask;
        }

        /// <summary>EOK, EINVAL for a pid ≤ 0, EBUSY when the pid is live in the session, ENOMEM when full.</summary>
        public int Declare(int session, int pid, CredInfo cred, bool is64Bit, int maxPerSession)
        {
            if (pid <= 0)
            {
                return Errno.EINVAL;
            }

            if (Find(session, pid) != null)
            {
                return Errno.EBUSY;
            }

            int inSession = 0;
            int free = -1;
            for (int i = 0; i < entries.Length; i++)
            {
                ProcessEntry e = entries[i];
                if (e.Live && e.Session == session)
                {
                    inSession++;
                }
                else if (!e.Live && free < 0)
                {
                    free = i;
                }
            }

            if (free < 0 || inSession >= maxPerSession)
            {
                return Errno.ENOMEM;
            }

            ProcessEntry f = entries[free];
            f.Live = true;
            f.Session = session;
            f.Pid = pid;
            f.Is64Bit = is64Bit;
            f.Fds = 0;
            f.Cred.CopyFrom(cred);
            int b = Bucket(session, pid);
            next[free] = head[b];
            head[b] = free + 1;
            return Errno.EOK;
        }

        public int CountLive(int session)
        {
            int n = 0;
            for (int i = 0; i < entries.Length; i++)
            {
                if (entries[i].Live && entries[i].Session == session)
                {
                    n++;
                }
            }

            return n;
        }

        public void EndSession(int session)
        {
            for (int i = 0; i < entries.Length; i++)
            {
                if (entries[i].Session == session)
                {
                    entries[i].Live = false;
                }
            }

            // Rebuild the index from the live entries (dead ones leave every chain).
            System.Array.Clear(head, 0, head.Length);
            System.Array.Clear(next, 0, next.Length);
            for (int i = 0; i < entries.Length; i++)
            {
                ProcessEntry e = entries[i];
                if (e.Live)
                {
                    int b = Bucket(e.Session, e.Pid);
                    next[i] = head[b];
                    head[b] = i + 1;
                }
            }
        }
    }
}
