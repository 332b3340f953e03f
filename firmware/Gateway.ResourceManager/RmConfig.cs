namespace Gateway.ResourceManager
{
    /// <summary>
    /// The resource manager's fixed tables and board facts, sized per board (link.md §5, rules.md §5).
    /// Everything is allocated once at start; running out is answered with a QNX errno.
    /// </summary>
    public sealed class RmConfig
    {
        /// <summary>OCB slots, shared by client and mapping OCBs (emulated 256, ESP32 16).</summary>
        public int MaxOcbs = 256;

        /// <summary>
        /// OCBs one session may hold, client and mapping OCBs alike (64; 0 = the whole table). The next open gets
        /// ENFILE, the next mapping ENOMEM, as when the table is full. Sessions × this ≤ <see cref="MaxOcbs"/> on
        /// every board, so each session can always reach its own quota whatever the others hold (G).
        /// </summary>
        public int OcbsPerSession = 64;

        /// <summary>Files one session may have created on a creatable mount at once (16; 0 = no quota): EDQUOT.</summary>
        public int FilesPerSession = 16;

        /// <summary>
        /// Bytes of RAM the files one session created may hold (0 = no quota): EDQUOT. -1 asks the board to derive it
        /// from /data's free RAM at boot (an equal share for each session and one for the starting files).
        /// </summary>
        public int BytesPerSession = -1;

        /// <summary>Link sessions (emulated 4, ESP32 1).</summary>
        public int MaxSessions = 4;

        /// <summary>Declared processes per session (32).</summary>
        public int MaxProcessesPerSession = 32;

        /// <summary>Client fds (OCBs) per process (16); the next open gets EMFILE.</summary>
        public int MaxFdsPerProcess = 16;

        /// <summary>Namespace entries, including files created in /data (room for every session's file quota).</summary>
        public int MaxNodes = 128;

        /// <summary>True for a 64-bit board: the preferred stat form is T64_2008, else T32_2001 (RM-16).</summary>
        public bool Is64Bit = true;

        /// <summary>st_dev: a per-board constant, stable across boots.</summary>
        public uint DeviceNumber = 0x47570001;

        /// <summary>Snapshot buffers for /fw/status readers and their size.</summary>
        public int StatusSnapshots = 4;
        public int StatusSnapshotBytes = 32768;

        /// <summary>The ESP32's limits: 1 session, 16 OCBs, a 32-bit board; no quotas (its one session has the board).</summary>
        public static RmConfig Esp32()
        {
            RmConfig c = new RmConfig();
            c.MaxOcbs = 16;
            c.OcbsPerSession = 0;
            c.FilesPerSession = 0;
            c.BytesPerSession = 0;
            c.MaxSessions = 1;
            c.MaxProcessesPerSession = 8;
            c.MaxFdsPerProcess = 16;
            c.MaxNodes = 48;
            c.Is64Bit = false;
            c.StatusSnapshots = 1;
            c.StatusSnapshotBytes = 4096;
            return c;
        }
    }
}
