using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;

namespace Gateway.ResourceManager
{
    /// <summary>A host process declared in a session (behaviour.md §0): pid, credentials, width.</summary>
    public sealed class ProcessEntry
    {
        public bool Live;
        public int Session;
        public int Pid;
        public bool Is64Bit;
        public readonly CredInfo Cred = new CredInfo();

        /// <summary>Pid 1 is the memory manager (procnto's role).</summary>
        public bool IsMemoryManager
        {
            get { return Pid == 1; }
        }
    }

    /// <summary>The fixed table of declared processes, sessions × processes per session.</summary>
    public sealed class ProcessTable
    {
        private readonly ProcessEntry[] entries;

        public ProcessTable(int size)
        {
            entries = new ProcessEntry[size];
            for (int i = 0; i < size; i++)
            {
                entries[i] = new ProcessEntry();
            }
        }

        public ProcessEntry Find(int session, int pid)
        {
            for (int i = 0; i < entries.Length; i++)
            {
                ProcessEntry e = entries[i];
                if (e.Live && e.Session == session && e.Pid == pid)
                {
                    return e;
                }
            }

            return null;
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
            ProcessEntry free = null;
            for (int i = 0; i < entries.Length; i++)
            {
                ProcessEntry e = entries[i];
                if (e.Live && e.Session == session)
                {
                    inSession++;
                }
                else if (!e.Live && free == null)
                {
                    free = e;
                }
            }

            if (free == null || inSession >= maxPerSession)
            {
                return Errno.ENOMEM;
            }

            free.Live = true;
            free.Session = session;
            free.Pid = pid;
            free.Is64Bit = is64Bit;
            free.Cred.CopyFrom(cred);
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
        }
    }
}
