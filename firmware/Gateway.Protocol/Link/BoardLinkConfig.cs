using System;
using Gateway.Protocol.Platform;

namespace Gateway.Protocol.Link
{
    /// <summary>
    /// The fixed tables of a board's link (link.md §5). Every buffer of <see cref="BoardLink"/> is allocated
    /// from these at construction; nothing grows afterwards. Fields rather than properties so the composition root
    /// can set them in an object initializer on every runtime.
    /// </summary>
    public sealed class BoardLinkConfig
    {
        /// <summary>Authenticated sessions at once (slots 0 … Sessions − 1).</summary>
        public int Sessions = 4;

        /// <summary>The largest window the board grants: requests in flight, early arrivals held and replies cached per session.</summary>
        public int Window = 8;

        /// <summary>The largest frame body the board grants (≥ <see cref="LinkLimits.MinBody"/>).</summary>
        public int MaxBody = LinkLimits.DesktopBody;

        /// <summary>
        /// Streams served at once; 0 means Sessions + 1 + <see cref="LineSlots"/> (room for a restarted host's new
        /// connection, and the lines' own slots).
        /// </summary>
        public int Streams;

        /// <summary>
        /// Stream slots kept for lines (a UART, a tty): connections hold at most <see cref="EffectiveStreams"/> −
        /// LineSlots slots at once, so a board that serves a tty beside TCP always has a slot for it (link.md §10).
        /// </summary>
        public int LineSlots;

        /// <summary>Processes a session may declare.</summary>
        public int ProcessesPerSession = 16;

        /// <summary>A session from which nothing arrives this long ends (RM-5).</summary>
        public int SessionTimeoutMs = 10000;

        /// <summary>A HELLO not followed by a valid AUTH within this long is forgotten.</summary>
        public int HandshakeTimeoutMs = 10000;

        /// <summary>
        /// A connection without a session is not evicted for a newcomer before it has been attached this long: time
        /// to authenticate, so a stream of newcomers cannot push it out first (link.md §10).
        /// </summary>
        public int EvictionGraceMs = 1000;

        /// <summary>How long one read waits before the serve loop checks its timers.</summary>
        public int PollMs = 100;

        /// <summary>
        /// Bytes of each stream's output queue; 0 means Window frames of MaxBody plus two HELLO_REPLYs (a host's whole
        /// window of replies always fits). At least one frame of MaxBody.
        /// </summary>
        public int OutputQueueBytes;

        /// <summary>A stream whose writer has bytes queued and makes no progress this long is dropped (its session ends).</summary>
        public int OutputStallMs = 2000;

        /// <summary>Host nonces remembered to refuse a replayed HELLO.</summary>
        public int RecentNonces = 32;

        /// <summary>Event sources with their own running counter (more sources are sent with counter 0: uncounted).</summary>
        public int EventSources = 32;

        /// <summary>The feature bits this board supports (<see cref="LinkFeatures"/>).</summary>
        public uint Features = LinkFeatures.Known;

        /// <summary>
        /// The link's CRC-32: the platform's native one (nanoFramework's System.IO.Hashing on the ESP32,
        /// System.IO.Hashing on desktops). Null means the portable table CRC (<see cref="TableCrc32"/>).
        /// </summary>
        public ICrc32 Crc;

        /// <summary>Starts the writer threads; null means a plain <see cref="System.Threading.Thread"/> (desktops give background threads).</summary>
        public IThreadStarter Threads;

        /// <summary>What HELLO_REPLY says the board is (<see cref="BoardKind"/>): hardware unless a composition says otherwise.</summary>
        public int Kind = BoardKind.Hardware;

        public string BoardName = "gateway";
        public string BoardModel = "unknown";
        public string FirmwareVersion = "0.0.0";

        /// <summary>
        /// The ESP32: one session, window 2, one page (plus headroom) per frame, one stream (its link UART; a host
        /// that restarts comes back on the same stream). About 27 KB of link tables.
        /// </summary>
        public static BoardLinkConfig Esp32()
        {
            BoardLinkConfig c = new BoardLinkConfig();
            c.Sessions = 1;
            c.Streams = 1;
            // Window 1 (stop-and-wait): one reply cached and no early arrival held, 13 KB less heap than window 2. On
            // one full-duplex serial line the loss is the board's processing time per request (a few ms beside a 4 KiB
            // frame's 47 ms at 921,600 baud), since the host could only overlap the next request with it.
            c.Window = 1;
            c.MaxBody = LinkLimits.MinBody;
            // One stream whose serve thread writes each reply as soon as it is queued: room for one largest frame and a
            // HELLO reply is enough (a frame that does not fit is dropped, counted, and its reply resent from the reply
            // cache on the host's retransmission), and keeps the ESP32's heap where the old transmit buffer had it.
            c.OutputQueueBytes = LinkLimits.WireLength(c.MaxBody) + LinkLimits.WireLength(HelloReply.Size);
            c.ProcessesPerSession = 8;
            c.RecentNonces = 8;
            c.EventSources = 8;
            c.BoardModel = "esp32";
            return c;
        }

        /// <summary>
        /// The emulated board: four sessions, window 8, 16 KiB (plus headroom) per frame, 32 processes per session
        /// (rules.md §5, the resource manager's own table).
        /// </summary>
        public static BoardLinkConfig Emulated()
        {
            BoardLinkConfig c = new BoardLinkConfig();
            c.BoardModel = "emulated";
            c.Kind = BoardKind.Emulated;
            c.ProcessesPerSession = 32;
            return c;
        }

        /// <summary>The number of stream slots (<see cref="Streams"/>, or Sessions + 1 + LineSlots when 0).</summary>
        public int EffectiveStreams
        {
            get { return Streams > 0 ? Streams : Sessions + 1 + LineSlots; }
        }

        /// <summary>The most stream slots connections may hold at once: every slot but the lines' own.</summary>
        public int ConnectionSlots
        {
            get { return EffectiveStreams - LineSlots; }
        }

        /// <summary>The bytes of each stream's output queue (<see cref="OutputQueueBytes"/>, or its default when 0).</summary>
        public int EffectiveOutputQueueBytes
        {
            get { return OutputQueueBytes > 0 ? OutputQueueBytes : (Window * LinkLimits.WireLength(MaxBody)) + (2 * LinkLimits.WireLength(HelloReply.Size)); }
        }

        /// <summary>Throws <see cref="ArgumentException"/> naming the first field out of range.</summary>
        public void Validate()
        {
            Check(Sessions >= 1, "Sessions must be at least 1");
            Check(Window >= 1 && Window <= LinkLimits.MaxWindow, "Window must be 1 … 64");
            Check(MaxBody >= LinkLimits.MinBody && MaxBody <= LinkLimits.MaxBody, "MaxBody must be 4352 … 1048576");
            Check(Streams >= 0, "Streams must not be negative");
            Check(LineSlots >= 0 && LineSlots <= EffectiveStreams, "LineSlots must be 0 … Streams");
            Check(ProcessesPerSession >= 1, "ProcessesPerSession must be at least 1");
            Check(SessionTimeoutMs > 0, "SessionTimeoutMs must be positive");
            Check(HandshakeTimeoutMs > 0, "HandshakeTimeoutMs must be positive");
            Check(PollMs > 0, "PollMs must be positive");
            Check(EvictionGraceMs >= 0, "EvictionGraceMs must not be negative");
            Check(OutputQueueBytes == 0 || OutputQueueBytes >= LinkLimits.WireLength(MaxBody), "OutputQueueBytes must hold one frame of MaxBody");
            Check(OutputStallMs > 0, "OutputStallMs must be positive");
            Check(RecentNonces >= 1, "RecentNonces must be at least 1");
            Check(EventSources >= 0, "EventSources must not be negative");
        }

        private static void Check(bool ok, string message)
        {
            if (!ok)
            {
                throw new ArgumentException(message);
            }
        }
    }
}
