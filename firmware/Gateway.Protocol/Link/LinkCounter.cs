namespace Gateway.Protocol.Link
{
    /// <summary>The identities of the <see cref="LinkCounters"/>; <see cref="Name"/> gives the stable JSON name.</summary>
    public static class LinkCounter
    {
        /// <summary>Frames that passed the decoder (preamble, length, CRC, version).</summary>
        public const int FramesIn = 0;
        public const int FramesOut = 1;
        public const int BytesIn = 2;
        public const int BytesOut = 3;

        /// <summary>Frame drops by reason (FrameDropReason).</summary>
        public const int DropHeader = 4;
        public const int DropCrc = 5;
        public const int DropOversize = 6;
        public const int DropShort = 7;
        public const int DropBadVersion = 8;

        /// <summary>A sequenced frame older than the window (its cached reply is gone): dropped.</summary>
        public const int DropStale = 9;

        /// <summary>A sequenced frame at or past next + window: dropped.</summary>
        public const int DropOutOfWindow = 10;

        /// <summary>An early arrival already being held: dropped.</summary>
        public const int DropDuplicateHeld = 11;

        /// <summary>A board-to-host kind (REPLY, EVENT, …) arriving at the board: dropped, never answered.</summary>
        public const int DropUnexpected = 12;

        /// <summary>REQUEST frames executed (each sequence number once).</summary>
        public const int RequestsApplied = 13;

        /// <summary>DECLARE frames executed.</summary>
        public const int DeclaresApplied = 14;

        /// <summary>Retransmissions answered from the reply cache without executing anything.</summary>
        public const int DuplicatesAnswered = 15;

        /// <summary>Early arrivals held until their turn.</summary>
        public const int HeldEarly = 16;

        /// <summary>Link refusals sent (any reason).</summary>
        public const int Refusals = 17;

        /// <summary>Refusals of the handshake: bad MAC, replayed nonce, unsupported version, bad hello, no slot, …</summary>
        public const int AuthFailures = 18;

        /// <summary>HELLOs answered with a board proof.</summary>
        public const int Handshakes = 19;

        public const int SessionsOpened = 20;
        public const int SessionsEnded = 21;

        /// <summary>Sessions ended because nothing arrived within the session timeout.</summary>
        public const int SessionTimeouts = 22;

        public const int PingsAnswered = 23;
        public const int EventsRaised = 24;

        /// <summary>EVENT frames written (one per event per subscribed session).</summary>
        public const int EventsSent = 25;

        /// <summary>Requests whose handler threw (answered EIO).</summary>
        public const int HandlerFaults = 26;

        /// <summary>Streams refused because every stream slot was busy.</summary>
        public const int StreamsRefused = 27;

        /// <summary>Frames cut short: the line went idle in the middle of one (FrameDropReason.Truncated).</summary>
        public const int DropTruncated = 28;

        /// <summary>Streams closed because they carried no session for the handshake timeout (connections only).</summary>
        public const int StreamsIdleClosed = 29;

        /// <summary>Unauthenticated streams closed to make room for a new connection.</summary>
        public const int StreamsEvicted = 30;

        /// <summary>Streams dropped because their writer made no progress for the output stall deadline.</summary>
        public const int StreamsStalled = 31;

        /// <summary>Frames not queued because the stream's output queue was full (a reply is answered again on retransmission).</summary>
        public const int OutputOverflows = 32;

        /// <summary>The number of counters.</summary>
        public const int Count = 33;

        public static string Name(int counter)
        {
            switch (counter)
            {
                case FramesIn: return "frames-in";
                case FramesOut: return "frames-out";
                case BytesIn: return "bytes-in";
                case BytesOut: return "bytes-out";
                case DropHeader: return "drop-header";
                case DropCrc: return "drop-crc";
                case DropOversize: return "drop-oversize";
                case DropShort: return "drop-short";
                case DropBadVersion: return "drop-bad-version";
                case DropStale: return "drop-stale";
                case DropOutOfWindow: return "drop-out-of-window";
                case DropDuplicateHeld: return "drop-duplicate-held";
                case DropUnexpected: return "drop-unexpected";
                case RequestsApplied: return "requests-applied";
                case DeclaresApplied: return "declares-applied";
                case DuplicatesAnswered: return "duplicates-answered";
                case HeldEarly: return "held-early";
                case Refusals: return "refusals";
                case AuthFailures: return "auth-failures";
                case Handshakes: return "handshakes";
                case SessionsOpened: return "sessions-opened";
                case SessionsEnded: return "sessions-ended";
                case SessionTimeouts: return "session-timeouts";
                case PingsAnswered: return "pings-answered";
                case EventsRaised: return "events-raised";
                case EventsSent: return "events-sent";
                case HandlerFaults: return "handler-faults";
                case StreamsRefused: return "streams-refused";
                case DropTruncated: return "drop-truncated";
                case StreamsIdleClosed: return "streams-idle-closed";
                case StreamsEvicted: return "streams-evicted";
                case StreamsStalled: return "streams-stalled";
                case OutputOverflows: return "output-overflows";
                default: return "unknown";
            }
        }

        /// <summary>The drop counter of a decoder drop reason, or −1.</summary>
        public static int ForDrop(FrameDropReason reason)
        {
            switch (reason)
            {
                case FrameDropReason.Header: return DropHeader;
                case FrameDropReason.Crc: return DropCrc;
                case FrameDropReason.Oversize: return DropOversize;
                case FrameDropReason.Short: return DropShort;
                case FrameDropReason.BadVersion: return DropBadVersion;
                case FrameDropReason.Truncated: return DropTruncated;
                default: return -1;
            }
        }
    }
}
