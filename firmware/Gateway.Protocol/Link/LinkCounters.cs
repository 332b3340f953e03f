using System.Threading;

namespace Gateway.Protocol.Link
{
    /// <summary>
    /// The board link's counters (link.md §9; /fw/status prints them). Each is a 32-bit count that wraps; updates
    /// are atomic, so any thread may read a value at any time. For a consistent set, take a <see cref="Snapshot"/>.
    /// Iterate with <see cref="LinkCounter.Count"/> and <see cref="LinkCounter.Name"/> to print them all.
    /// </summary>
    public sealed class LinkCounters
    {
        private readonly int[] values = new int[LinkCounter.Count];

        /// <summary>The value of counter <paramref name="counter"/> (a <see cref="LinkCounter"/> id).</summary>
        public int Get(int counter)
        {
            return values[counter];
        }

        /// <summary>Copies every counter into <paramref name="dst"/> (length ≥ <see cref="LinkCounter.Count"/>).</summary>
        public void Snapshot(int[] dst)
        {
            for (int i = 0; i < values.Length; i++)
            {
                dst[i] = Interlocked.CompareExchange(ref values[i], 0, 0);
            }
        }

        public int FramesIn { get { return values[LinkCounter.FramesIn]; } }
        public int FramesOut { get { return values[LinkCounter.FramesOut]; } }
        public int RequestsApplied { get { return values[LinkCounter.RequestsApplied]; } }
        public int DeclaresApplied { get { return values[LinkCounter.DeclaresApplied]; } }
        public int DuplicatesAnswered { get { return values[LinkCounter.DuplicatesAnswered]; } }
        public int Refusals { get { return values[LinkCounter.Refusals]; } }
        public int AuthFailures { get { return values[LinkCounter.AuthFailures]; } }
        public int SessionsOpened { get { return values[LinkCounter.SessionsOpened]; } }
        public int SessionsEnded { get { return values[LinkCounter.SessionsEnded]; } }

        /// <summary>Frames dropped by the decoder, for every reason.</summary>
        public int FrameDrops
        {
            get
            {
                return values[LinkCounter.DropHeader] + values[LinkCounter.DropCrc] + values[LinkCounter.DropOversize]
                    + values[LinkCounter.DropShort] + values[LinkCounter.DropBadVersion] + values[LinkCounter.DropTruncated];
            }
        }

        /// <summary>Sequenced frames dropped as stale, out of window or already held.</summary>
        public int SequenceDrops
        {
            get { return values[LinkCounter.DropStale] + values[LinkCounter.DropOutOfWindow] + values[LinkCounter.DropDuplicateHeld]; }
        }

        internal void Increment(int counter)
        {
            Interlocked.Increment(ref values[counter]);
        }

        internal void Add(int counter, int amount)
        {
            int seen;
            do
            {
                seen = values[counter];
            }
            while (Interlocked.CompareExchange(ref values[counter], seen + amount, seen) != seen);
        }
    }
}
