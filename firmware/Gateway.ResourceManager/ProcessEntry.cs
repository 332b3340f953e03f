using Gateway.Protocol.Messages;

namespace Gateway.ResourceManager
{
    /// <summary>A host process declared in a session (rules.md §0): pid, credentials, width.</summary>
    public sealed class ProcessEntry
    {
        public bool Live;
        public int Session;
        public int Pid;
        public bool Is64Bit;
        public readonly CredInfo Cred = new CredInfo();

        /// <summary>Client OCBs (fds) the process holds (RM-1's EMFILE), kept as OCBs are bound and closed.</summary>
        public int Fds;

        /// <summary>Pid 1 is the memory manager (procnto's role).</summary>
        public bool IsMemoryManager
        {
            get { return Pid == 1; }
        }
    }
}
