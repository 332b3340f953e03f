using Gateway.Protocol.Messages;

namespace Gateway.ResourceManager
{
    // Handler signatures, as QNX's resmgr_io_funcs_t / resmgr_connect_funcs_t entries. A handler returns:
    //   a positive errno                → an error reply, no body;
    //   Errno.EOK (0)                   → success, empty body, status ctp.Status;
    //   Resmgr.NParts(n) (−n)           → success with the body the handler wrote via ctp, status ctp.Status;
    //   Resmgr.NoReply                  → the handler already replied with ctp.MsgReply / ctp.MsgError;
    //   Resmgr.Default                  → run the iofunc default for this message (RM-4).

    /// <summary>The open entry (connect funcs): called for an existing path after the lookup.</summary>
    public delegate int IoOpenFunc(ResmgrContext ctp, IoConnect msg, ResourceAttr attr);

    public delegate int IoReadFunc(ResmgrContext ctp, IoRead msg, Ocb ocb);

    public delegate int IoWriteFunc(ResmgrContext ctp, IoWrite msg, Ocb ocb);

    public delegate int IoLseekFunc(ResmgrContext ctp, IoLseek msg, Ocb ocb);

    public delegate int IoStatFunc(ResmgrContext ctp, IoStatRequest msg, Ocb ocb);

    public delegate int IoDevctlFunc(ResmgrContext ctp, IoDevctl msg, Ocb ocb);

    /// <summary>The mmap entry; <paramref name="ocb"/> is the client's OCB (RM-7), never the mapping OCB.</summary>
    public delegate int IoMmapFunc(ResmgrContext ctp, IoMmapRequest msg, Ocb ocb);

    public delegate int IoSyncFunc(ResmgrContext ctp, IoSync msg, Ocb ocb);

    /// <summary>Called when an OCB closes (by <c>_IO_CLOSE</c> or at session end), before the counts are released.</summary>
    public delegate void IoCloseOcbFunc(Ocb ocb);

    /// <summary>
    /// A resource's handler table (QNX's io_funcs). A null entry runs the iofunc default, as does an entry
    /// answering <c>Resmgr.Default</c>. The mmap entry's defaults are <see cref="IoFunc.MmapDefault"/> and
    /// <see cref="IoFunc.MmapDefaultExt"/>; which one a null entry runs is <see cref="ResourceAttr.MmapReply"/>.
    /// </summary>
    public sealed class IoFuncs
    {
        /// <summary>The table of a resource without handlers of its own: every slot runs the default. Never set a slot on it.</summary>
        public static readonly IoFuncs None = new IoFuncs();

        public IoOpenFunc Open;
        public IoReadFunc Read;
        public IoWriteFunc Write;
        public IoLseekFunc Lseek;
        public IoStatFunc Stat;
        public IoDevctlFunc Devctl;
        public IoMmapFunc Mmap;
        public IoSyncFunc Sync;
        public IoCloseOcbFunc CloseOcb;
    }
}
