using Gateway.Protocol.Platform;

namespace Gateway.Protocol.Link
{
    /// <summary>
    /// The event fan-out of the link: numbers each event per source (a running counter, so a host sees gaps) and
    /// queues one EVENT frame on every stream whose session asked for events. Has its own lock and never takes the
    /// engine lock nor writes a stream (the streams' writers do), so a device may raise events from any thread,
    /// including from inside the resource manager.
    /// </summary>
    internal sealed class LinkEvents
    {
        private readonly object gate = new object();
        private readonly int[] sources;
        private readonly uint[] counts;
        private int sourceCount;
        private readonly byte[] frame = new byte[LinkLimits.FrameLength(EventBody.Size)];
        private readonly byte[] wire = new byte[LinkLimits.WireLength(EventBody.Size)];
        private readonly ICrc32 crc;
        private readonly LinkCounters counters;

        public LinkEvents(int maxSources, ICrc32 crc, LinkCounters counters)
        {
            sources = new int[maxSources];
            counts = new uint[maxSources];
            this.crc = crc;
            this.counters = counters;
        }

        public void Raise(LinkPort[] ports, int source, int code, int value)
        {
            lock (gate)
            {
                uint counter = NextCount(source);
                counters.Increment(LinkCounter.EventsRaised);
                FrameHeader.Write(frame, 0, FrameKind.Event, 0, RefusalReason.None, counter, source, code);
                EventBody.Encode(frame, FrameHeader.Size, value);
                int n = FrameEncoder.Encode(frame, 0, EventBody.Size, wire, 0, crc);
                for (int i = 0; i < ports.Length; i++)
                {
                    if (ports[i].Output.SendEvent(wire, n))
                    {
                        counters.Increment(LinkCounter.EventsSent);
                    }
                }
            }
        }

        public int SourcesSeen
        {
            get
            {
                lock (gate)
                {
                    return sourceCount;
                }
            }
        }

        public void SourceAt(int index, out int source, out uint count)
        {
            lock (gate)
            {
                source = sources[index];
                count = counts[index];
            }
        }

        private uint NextCount(int source)
        {
            for (int i = 0; i < sourceCount; i++)
            {
                if (sources[i] == source)
                {
                    uint next = counts[i] + 1;
                    counts[i] = next == 0 ? 1 : next;
                    return counts[i];
                }
            }

            if (sourceCount < sources.Length)
            {
                sources[sourceCount] = source;
                counts[sourceCount] = 1;
                sourceCount++;
                return 1;
            }

            return 0;
        }
    }
}
