namespace Gateway.Protocol.Qnx
{
    /// <summary>Resource-manager handler return conventions (<c>sys/resmgr.h</c>). qnx-messages.md.</summary>
    public static class Resmgr
    {
        /// <summary><c>_RESMGR_NOREPLY</c>: no reply now; one is sent later.</summary>
        public const int NoReply = int.MinValue;

        /// <summary><c>_RESMGR_DEFAULT</c>: run the iofunc default for this message.</summary>
        public const int Default = int.MinValue + 1;

        /// <summary><c>_RESMGR_NPARTS(n)</c>: success with n reply parts.</summary>
        public static int NParts(int n)
        {
            return -n;
        }
    }
}
