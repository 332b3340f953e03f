using System.Threading;

namespace Gateway.Protocol.Link
{
    /// <summary>
    /// The board link's counters (link.md §9; /fw/status prints them). Each is a 32-bit count that wraps; updates
    /// are atomic, so any thread may read a value at any time. For a consistent set, take a <see cref="Snapshot"/>.
    /// Iterate from 0 to <see cref="Count"/> and print each with <see cref="Name"/> to print them all. A
    /// <see cref="LinkCounter"/> is the index of its count: the casts to int are here and nowhere else.
    /// </summary>
    public sealed class LinkCounters
    {
        /// <summary>The number of counters: one more than the largest <see cref="LinkCounter"/>.</summary>
        public const int Count = 33;

        private readonly int[] values = new int[Count];

        /// <summary>The value of <paramref name="counter"/>.</summary>
        public int Get(LinkCounter counter)
        {
            return values[(int)counter];
        }

        /// <summary>Copies every counter into <paramref name="dst"/> (length ≥ <see cref="Count"/>), indexed by <see cref="LinkCounter"/>.</summary>
        public void Snapshot(int[] dst)
        {
            for (int i = 0; i < values.Length; i++)
            {
                dst[i] = Interlocked.CompareExchange(ref values[i], 0, 0);
            }
        }

        public int FramesIn { get { return Get(LinkCounter.FramesIn); } }
        public int FramesOut { get { return Get(LinkCounter.FramesOut); } }
        public int RequestsApplied { get { return Get(LinkCounter.RequestsApplied); } }
        public int DeclaresApplied { get { return Get(LinkCounter.DeclaresApplied); } }
        public int DuplicatesAnswered { get { return Get(LinkCounter.DuplicatesAnswered); } }
        public int Refusals { get { return Get(LinkCounter.Refusals); } }
        public int AuthFailures { get { return Get(LinkCounter.AuthFailures); } }
        public int SessionsOpened { get { return Get(LinkCounter.SessionsOpened); } }
        public int SessionsEnded { get { return Get(LinkCounter.SessionsEnded); } }

        /// <summary>Frames dropped by the decoder, for every reason.</summary>
        public int FrameDrops
        {
            get
            {
                return Get(LinkCounter.DropHeader) + Get(LinkCounter.DropCrc) + Get(LinkCounter.DropOversize)
                    + Get(LinkCounter.DropShort) + Get(LinkCounter.DropBadVersion) + Get(LinkCounter.DropTruncated);
            }
        }

        /// <summary>Sequenced frames dropped as stale, out of window or already held.</summary>
        public int SequenceDrops
        {
            get { return Get(LinkCounter.DropStale) + Get(LinkCounter.DropOutOfWindow) + Get(LinkCounter.DropDuplicateHeld); }
        }

        internal void Increment(LinkCounter counter)
        {
            Interlocked.Increment(ref values[(int)counter]);
        }

        internal void Add(LinkCounter counter, int amount)
        {
            int i = (int)counter;
            int seen;
            do
            {
                seen = values[i];
            }
            while (Interlocked.CompareExchange(ref values[i], seen + amount, seen) != seen);
        }

        /// <summary>The counter's stable name in /fw/status and logs (enum names print as numbers on nanoFramework).</summary>
        public static string Name(LinkCounter counter)
        {
            switch (counter)
            {
                case LinkCounter.FramesIn: return "frames-in";
                case LinkCounter.FramesOut: return "frames-out";
                case LinkCounter.BytesIn: return "bytes-in";
                case LinkCounter.BytesOut: return "bytes-out";
                case LinkCounter.DropHeader: return "drop-header";
                case LinkCounter.DropCrc: return "drop-crc";
                case LinkCounter.DropOversize: return "drop-oversize";
                case LinkCounter.DropShort: return "drop-short";
                case LinkCounter.DropBadVersion: return "drop-bad-version";
                case LinkCounter.DropStale: return "drop-stale";
                case LinkCounter.DropOutOfWindow: return "drop-out-of-window";
                case LinkCounter.DropDuplicateHeld: return "drop-duplicate-held";
                case LinkCounter.DropUnexpected: return "drop-unexpected";
                case LinkCounter.RequestsApplied: return "requests-applied";
                case LinkCounter.DeclaresApplied: return "declares-applied";
                case LinkCounter.DuplicatesAnswered: return "duplicates-answered";
                case LinkCounter.HeldEarly: return "held-early";
                case LinkCounter.Refusals: return "refusals";
                case LinkCounter.AuthFailures: return "auth-failures";
                case LinkCounter.Handshakes: return "handshakes";
                case LinkCounter.SessionsOpened: return "sessions-opened";
                case LinkCounter.SessionsEnded: return "sessions-ended";
                case LinkCounter.SessionTimeouts: return "session-timeouts";
                case LinkCounter.PingsAnswered: return "pings-answered";
                case LinkCounter.EventsRaised: return "events-raised";
                case LinkCounter.EventsSent: return "events-sent";
                case LinkCounter.HandlerFaults: return "handler-faults";
                case LinkCounter.StreamsRefused: return "streams-refused";
                case LinkCounter.DropTruncated: return "drop-truncated";
                case LinkCounter.StreamsIdleClosed: return "streams-idle-closed";
                case LinkCounter.StreamsEvicted: return "streams-evicted";
                case LinkCounter.StreamsStalled: return "streams-stalled";
                case LinkCounter.OutputOverflows: return "output-overflows";
                default: return "unknown";
            }
        }

        /// <summary>The drop counter of a decoder drop reason; false for <see cref="FrameDropReason.None"/> or a reason with none.</summary>
        public static bool ForDrop(FrameDropReason reason, out LinkCounter counter)
        {
            switch (reason)
            {
                case FrameDropReason.Header: counter = LinkCounter.DropHeader; return true;
                case FrameDropReason.Crc: counter = LinkCounter.DropCrc; return true;
                case FrameDropReason.Oversize: counter = LinkCounter.DropOversize; return true;
                case FrameDropReason.Short: counter = LinkCounter.DropShort; return true;
                case FrameDropReason.BadVersion: counter = LinkCounter.DropBadVersion; return true;
                case FrameDropReason.Truncated: counter = LinkCounter.DropTruncated; return true;
                default: counter = LinkCounter.FramesIn; return false;
            }
        }
    }
}
