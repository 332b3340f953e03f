using System;
using System.Threading;
using Gateway.Protocol.Platform;

namespace Gateway.Protocol.Link
{
    /// <summary>
    /// The bounded output queue of one served stream and its writer (hardware-docs/link.md §7). The engine and the
    /// event fan-out encode frames straight into the queue and never touch the stream; the writer (<see cref="Run"/>,
    /// one thread per served stream) writes queued bytes out with no lock held. A frame that does not fit is dropped
    /// and counted (output-overflows): a reply is then answered again from the reply cache when the host retransmits,
    /// an event shows as a gap. A queue whose writer makes no progress for the stall deadline gets its stream dropped
    /// by the serve loop (<see cref="Stalled"/>).
    /// <para>
    /// The queue is a two-part ring: a frame is always contiguous; when it does not fit before the end it starts at 0
    /// and the data ends at <c>wrapAt</c>. Queued bytes are [head, tail), or [head, wrapAt) then [0, tail).
    /// </para>
    /// Every field is guarded by <c>gate</c>, the innermost lock of the link; the stream is written outside it.
    /// </summary>
    internal sealed class LinkOutput
    {
        private const int SleepMs = 2;

        private readonly object gate = new object();
        private readonly byte[] ring;
        private readonly ICrc32 crc;
        private readonly IClock clock;
        private readonly LinkCounters counters;
        private readonly int idleWaitMs;
        private readonly AutoResetEvent wake = new AutoResetEvent(false);

        private int head;
        private int tail;
        private int wrapAt = -1;
        private IByteStream stream;
        private bool open;
        private bool broken;
        private bool eventsEnabled;
        private bool writerRunning;
        private bool writing;
        private long progressMs;

        public LinkOutput(int capacity, ICrc32 crc, IClock clock, LinkCounters counters, int idleWaitMs)
        {
            ring = new byte[capacity];
            this.crc = crc;
            this.clock = clock;
            this.counters = counters;
            this.idleWaitMs = idleWaitMs;
        }

        /// <summary>Starts a new stream: an empty queue, events off. Call only when <see cref="WriterRunning"/> is false.</summary>
        public void Open(IByteStream s)
        {
            lock (gate)
            {
                stream = s;
                open = true;
                writing = false;
                broken = false;
                eventsEnabled = false;
                head = 0;
                tail = 0;
                wrapAt = -1;
                writerRunning = true;
                progressMs = clock.MonotonicMs;
            }
        }

        /// <summary>Stops taking frames; the writer ends after its current write. Queued bytes are discarded.</summary>
        public void Close()
        {
            lock (gate)
            {
                open = false;
                eventsEnabled = false;
                head = 0;
                tail = 0;
                wrapAt = -1;
            }

            wake.Set();
        }

        /// <summary>A write failed: the serve loop ends at its next turn.</summary>
        public bool IsBroken
        {
            get
            {
                lock (gate)
                {
                    return broken;
                }
            }
        }

        /// <summary>The writer of the last stream has not ended yet (a write still blocked): the port cannot be reused.</summary>
        public bool WriterRunning
        {
            get
            {
                lock (gate)
                {
                    return writerRunning;
                }
            }
        }

        public void DisableEvents()
        {
            lock (gate)
            {
                eventsEnabled = false;
            }
        }

        /// <summary>
        /// Encodes the frame at 0 of <paramref name="frame"/> (header, then <paramref name="bodyLength"/> body bytes,
        /// then 4 spare bytes) into the queue. With <paramref name="setEvents"/> the stream's events are switched in the
        /// same step, so no event is queued before an AUTH_REPLY nor after a session's end. False: not queued.
        /// </summary>
        public bool Send(byte[] frame, int bodyLength, bool setEvents, bool eventsOn)
        {
            int n = LinkLimits.WireLength(bodyLength);
            lock (gate)
            {
                if (setEvents)
                {
                    eventsEnabled = eventsOn && open;
                }

                if (!open || broken)
                {
                    return false;
                }

                int at = Reserve(n);
                if (at < 0)
                {
                    counters.Increment(LinkCounter.OutputOverflows);
                    return false;
                }

                Commit(FrameEncoder.Encode(frame, 0, bodyLength, ring, at, crc));
            }

            counters.Increment(LinkCounter.FramesOut);
            wake.Set();
            return true;
        }

        /// <summary>Queues an encoded event when the stream asked for events. False: not queued.</summary>
        public bool SendEvent(byte[] wire, int n)
        {
            lock (gate)
            {
                if (!open || broken || !eventsEnabled)
                {
                    return false;
                }

                int at = Reserve(n);
                if (at < 0)
                {
                    counters.Increment(LinkCounter.OutputOverflows);
                    return false;
                }

                Array.Copy(wire, 0, ring, at, n);
                Commit(n);
            }

            counters.Increment(LinkCounter.FramesOut);
            wake.Set();
            return true;
        }

        /// <summary>True when bytes are queued and the writer has made no progress for <paramref name="stallMs"/>.</summary>
        public bool Stalled(long nowMs, int stallMs)
        {
            lock (gate)
            {
                return open && !IsEmpty && nowMs - progressMs > stallMs;
            }
        }

        /// <summary>Waits up to <paramref name="timeoutMs"/> for the queue to empty (the last CLOSE of a stopping board).</summary>
        public void Drain(int timeoutMs)
        {
            // Counted in sleeps, not by the board clock (a test clock may stand still).
            for (int waited = 0; waited < timeoutMs; waited += SleepMs)
            {
                lock (gate)
                {
                    if (IsEmpty || broken || !open)
                    {
                        return;
                    }
                }

                Thread.Sleep(SleepMs);
            }
        }

        /// <summary>Waits up to <paramref name="timeoutMs"/> for the writer to end (after <see cref="Close"/>).</summary>
        public void AwaitWriter(int timeoutMs)
        {
            for (int waited = 0; waited < timeoutMs && WriterRunning; waited += SleepMs)
            {
                Thread.Sleep(SleepMs);
            }
        }

        /// <summary>The writer: one thread per served stream, from <see cref="Open"/> until <see cref="Close"/>.</summary>
        public void Run()
        {
            try
            {
                while (true)
                {
                    int r = WriteOnce();
                    if (r < 0)
                    {
                        return;
                    }

                    if (r == 0)
                    {
                        wake.WaitOne(idleWaitMs, false);
                    }
                }
            }
            finally
            {
                lock (gate)
                {
                    writerRunning = false;
                }
            }
        }

        /// <summary>
        /// Writes what is queued on the calling thread (the stream's own serve thread, right after its frames were
        /// handled: no thread hop for a reply), unless the writer is writing. Never called under the engine lock; a
        /// write that blocks holds up only this stream, and the stream's write timeout ends it.
        /// </summary>
        public void FlushInline()
        {
            while (WriteOnce() > 0)
            {
            }
        }

        /// <summary>Writes one queued segment: 1 written, 0 nothing to write (or another thread is writing), −1 over.</summary>
        private int WriteOnce()
        {
            IByteStream s;
            int at;
            int n;
            lock (gate)
            {
                if (!open || broken)
                {
                    return -1;
                }

                if (writing)
                {
                    return 0;
                }

                at = head;
                n = wrapAt >= 0 ? wrapAt - head : tail - head;
                if (n == 0)
                {
                    return 0;
                }

                s = stream;
                writing = true;
            }

            bool ok = true;
            try
            {
                s.Write(ring, at, n);
            }
            catch (Exception)
            {
                ok = false;
            }

            lock (gate)
            {
                writing = false;
                if (!open)
                {
                    return -1;
                }

                if (!ok)
                {
                    broken = true;
                    eventsEnabled = false;
                    return -1;
                }

                Consume(n);
                progressMs = clock.MonotonicMs;
            }

            counters.Add(LinkCounter.BytesOut, n);
            return 1;
        }

        private bool IsEmpty
        {
            get { return wrapAt < 0 && head == tail; }
        }

        /// <summary>Where <paramref name="n"/> contiguous bytes can go, or −1 (gate held).</summary>
        private int Reserve(int n)
        {
            if (IsEmpty)
            {
                head = 0;
                tail = 0;
                progressMs = clock.MonotonicMs;
            }

            if (wrapAt < 0)
            {
                if (ring.Length - tail >= n)
                {
                    return tail;
                }

                if (head >= n)
                {
                    wrapAt = tail;
                    tail = 0;
                    return 0;
                }

                return -1;
            }

            return head - tail >= n ? tail : -1;
        }

        private void Commit(int n)
        {
            tail += n;
        }

        private void Consume(int n)
        {
            head += n;
            if (wrapAt >= 0 && head == wrapAt)
            {
                head = 0;
                wrapAt = -1;
            }

            if (wrapAt < 0 && head == tail)
            {
                head = 0;
                tail = 0;
            }
        }
    }
}
