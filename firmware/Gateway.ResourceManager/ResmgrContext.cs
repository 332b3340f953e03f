using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;

namespace Gateway.ResourceManager
{
    /// <summary>
    /// The context of the message being handled (QNX's <c>resmgr_context_t</c>): who sent it, the whole
    /// message, the reply being built, and <see cref="Status"/> (<c>ctp-&gt;status</c>). One instance, reused.
    /// </summary>
    public sealed class ResmgrContext
    {
        public readonly ResourceManager Rm;

        public int Session;
        public int Pid;
        public int Coid;

        /// <summary>The sending process (declared, rules.md §0).</summary>
        public ProcessEntry Process;

        /// <summary>The message buffer; parts are located in it by offset.</summary>
        public byte[] Message;

        /// <summary>The success status of the reply (<c>_RESMGR_STATUS</c>): bytes read or written, else 0.</summary>
        public int Status;

        /// <summary>The OCB an open just created (set by <see cref="IoFunc.OpenDefault"/>).</summary>
        public Ocb NewOcb;

        internal Reply Reply;
        internal bool Replied;
        internal int BodyLength;

        internal ResmgrContext(ResourceManager rm)
        {
            Rm = rm;
        }

        /// <summary>The reply body buffer; write at <see cref="BodyOffset"/>, at most <see cref="BodyCapacity"/> bytes.</summary>
        public byte[] Body
        {
            get { return Reply.Buffer; }
        }

        public int BodyOffset
        {
            get { return Reply.BodyOffset; }
        }

        public int BodyCapacity
        {
            get { return Reply.Capacity; }
        }

        /// <summary>Sets how many body bytes the handler wrote; return <c>Resmgr.NParts(1)</c> after it.</summary>
        public int SetBody(int length)
        {
            BodyLength = length;
            return Resmgr.NParts(1);
        }

        /// <summary>MsgReply(): replies now with a status and <paramref name="length"/> body bytes; return <c>Resmgr.NoReply</c>.</summary>
        public void MsgReply(int status, int length)
        {
            Reply.SetStatus(status, length);
            Replied = true;
        }

        /// <summary>MsgError(): replies now with an errno; return <c>Resmgr.NoReply</c>.</summary>
        public void MsgError(int errno)
        {
            Reply.SetError(errno);
            Replied = true;
        }

        internal void Begin(int session, int pid, int coid, ProcessEntry process, byte[] message, Reply reply)
        {
            Session = session;
            Pid = pid;
            Coid = coid;
            Process = process;
            Message = message;
            Reply = reply;
            Status = 0;
            NewOcb = null;
            Replied = false;
            BodyLength = 0;
        }

        internal void BeginPart()
        {
            Status = 0;
            BodyLength = 0;
            Replied = false;
        }
    }
}
