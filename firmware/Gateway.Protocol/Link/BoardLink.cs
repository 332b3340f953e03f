using System;
using System.Threading;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Platform;
using Gateway.Protocol.Qnx;

namespace Gateway.Protocol.Link
{
    /// <summary>
    /// The board's end of the link (hardware-docs/link.md): serves byte streams, runs the handshake and
    /// the mutual authentication, orders and de-duplicates each session's requests, hands them to the resource manager
    /// (<see cref="IMessageHandler"/>) exactly once, answers retransmissions from a reply cache, ends dead sessions
    /// (RM-5), and sends events to the sessions that asked for them.
    /// <para>
    /// The parts: this file (the public surface and the serve loop), BoardLink.Streams (stream slots: attach,
    /// eviction, idle and stalled streams, detach), BoardLink.Handshake (HELLO/AUTH, <see cref="RecentNonces"/>),
    /// BoardLink.Sequencer (sequencing, the reply cache, execution, session ends), <see cref="LinkEvents"/> (event
    /// fan-out) and <see cref="LinkOutput"/> (each stream's bounded output queue and writer). The frame codec
    /// (FrameDecoder/FrameEncoder) is apart from all of them.
    /// </para>
    /// <para>
    /// Threads: <see cref="Serve"/> and <see cref="ServeLine"/> block the calling thread for one stream (call once per
    /// stream, each on its own thread) and start one writer thread for it. Frames of all streams are processed under
    /// one engine lock, so the handler is called one call at a time; no stream is ever written and nothing blocks
    /// under that lock: replies go into the stream's output queue. <see cref="Raise"/> may be called from any thread,
    /// including from inside the handler. Lock order: engine → events → a stream's output queue (the innermost).
    /// </para>
    /// Every table is allocated at construction from <see cref="BoardLinkConfig"/>; the steady state allocates nothing.
    /// </summary>
    public sealed partial class BoardLink : IEventSink
    {
        /// <summary>
        /// A connection whose peer the transport does not know: it is a peer of its own, never counted with another.
        /// </summary>
        public const int UnknownPeer = 0;

        private const int ReadChunk = 512;

        /// <summary>Silent polls in a row after which a frame still arriving is taken as cut short (≥ 2 × PollMs). G.</summary>
        private const int IdlePollsToExpire = 2;

        /// <summary>How long a stream's last frames (a shutdown CLOSE) may take to leave when its serve loop ends. G.</summary>
        private const int FinalDrainMs = 500;

        private readonly BoardLinkConfig config;
        private readonly ICrc32 crc;
        private readonly IMessageHandler handler;
        private readonly IHmac hmac;
        private readonly IClock clock;
        private readonly ILog log;
        private readonly LinkCounters counters = new LinkCounters();

        private readonly object engineLock = new object();
        private readonly LinkSession[] sessions;
        private readonly LinkPort[] ports;
        private readonly LinkEvents events;
        private readonly AutoResetEvent portFreed = new AutoResetEvent(false);
        private readonly byte[] bootId = new byte[HelloRequest.IdSize];

        private int stopping;

        /// <param name="config">The board's tables; validated here.</param>
        /// <param name="handler">The resource manager.</param>
        /// <param name="hmac">HMAC-SHA-256 keyed with the board's pre-shared key (the link never sees the key).</param>
        /// <param name="clock">Monotonic time for the timeouts.</param>
        /// <param name="log">Where refusals and session changes are logged (never a key). It must not block: the
        /// desktop boards give a bounded, rate-limited ring; the link logs under its engine lock.</param>
        /// <param name="bootId">16 fresh random bytes chosen at this board start.</param>
        public BoardLink(BoardLinkConfig config, IMessageHandler handler, IHmac hmac, IClock clock, ILog log, byte[] bootId)
        {
            if (config == null || handler == null || hmac == null || clock == null || log == null || bootId == null)
            {
                throw new ArgumentNullException();
            }

            if (bootId.Length != HelloRequest.IdSize)
            {
                throw new ArgumentException("bootId must be 16 bytes");
            }

            config.Validate();
            this.config = config;
            crc = config.Crc != null ? config.Crc : TableCrc32.Instance;
            this.handler = handler;
            this.hmac = hmac;
            this.clock = clock;
            this.log = log;
            Array.Copy(bootId, 0, this.bootId, 0, bootId.Length);
            LinkText.Write(config.BoardName, name, 0, HelloReply.TextSize);
            LinkText.Write(config.BoardModel, model, 0, HelloReply.TextSize);
            LinkText.Write(config.FirmwareVersion, firmware, 0, HelloReply.TextSize);

            sessions = new LinkSession[config.Sessions];
            for (int i = 0; i < sessions.Length; i++)
            {
                sessions[i] = new LinkSession(i, config.Window, config.MaxBody, config.ProcessesPerSession);
            }

            int outputBytes = config.EffectiveOutputQueueBytes;
            ports = new LinkPort[config.EffectiveStreams];
            for (int i = 0; i < ports.Length; i++)
            {
                ports[i] = new LinkPort(i, config.MaxBody, ReadChunk, outputBytes, crc, clock, counters, config.PollMs);
            }

            nonces = new RecentNonces(config.RecentNonces);
            events = new LinkEvents(config.EventSources, crc, counters);
        }

        /// <summary>The link's counters (frames, drops by reason, requests applied, duplicates, refusals, sessions…).</summary>
        public LinkCounters Counters
        {
            get { return counters; }
        }

        /// <summary>The number of stream slots (streams served at once).</summary>
        public int StreamSlots
        {
            get { return ports.Length; }
        }

        /// <summary>
        /// The most stream slots connections hold at once (<see cref="BoardLinkConfig.LineSlots"/> are kept for
        /// lines): what a TCP listener's bound is made from (link.md §10).
        /// </summary>
        public int ConnectionSlots
        {
            get { return config.ConnectionSlots; }
        }

        /// <summary>Stream slots holding a stream now (for tests and /fw/status readers).</summary>
        public int StreamsInUse
        {
            get
            {
                lock (engineLock)
                {
                    int n = 0;
                    for (int i = 0; i < ports.Length; i++)
                    {
                        if (ports[i].InUse)
                        {
                            n++;
                        }
                    }

                    return n;
                }
            }
        }

        /// <summary>How long a stream's writer may make no progress before the stream is dropped (a line's own write timeout should match).</summary>
        public int OutputStallMs
        {
            get { return config.OutputStallMs; }
        }

        /// <summary>Copies the 16-byte boot id into <paramref name="dst"/>.</summary>
        public void CopyBootId(byte[] dst, int offset)
        {
            Array.Copy(bootId, 0, dst, offset, bootId.Length);
        }

        /// <summary>The number of authenticated sessions now.</summary>
        public int SessionCount
        {
            get
            {
                lock (engineLock)
                {
                    int n = 0;
                    for (int i = 0; i < sessions.Length; i++)
                    {
                        if (sessions[i].InUse)
                        {
                            n++;
                        }
                    }

                    return n;
                }
            }
        }

        /// <summary>
        /// Serves one connection (a TCP connection, an in-memory pipe) until it closes, breaks, is dropped or
        /// <see cref="Stop"/> is called; then ends the session it carried (RM-5) and closes the stream. A connection
        /// that carries no session for the handshake timeout is closed; when every stream slot is busy a connection
        /// without a session is evicted and its slot promised to this one (link.md §10, "Places"). Returns false (the
        /// stream closed) when no slot could be had. The connection is a peer of its own (<see cref="UnknownPeer"/>).
        /// </summary>
        public bool Serve(IByteStream stream)
        {
            return ServeStream(stream, false, UnknownPeer);
        }

        /// <summary>
        /// Serves one connection like <see cref="Serve(IByteStream)"/>, from <paramref name="peer"/>: who it came from
        /// as the transport knows it (TCP: a number for the remote IP address, never its port). Connections of one peer
        /// share a place among those of other peers (link.md §10, "Places", the fair share).
        /// </summary>
        public bool Serve(IByteStream stream, int peer)
        {
            return ServeStream(stream, false, peer);
        }

        /// <summary>
        /// Serves one line (a UART, a USB gadget tty, a pty) like <see cref="Serve"/>, but a line is never closed by
        /// the link nor evicted: it stays open without a session and the caller owns it. Returns false at once when
        /// no slot is free; <see cref="BoardLinkConfig.LineSlots"/> keeps slots that connections cannot take.
        /// </summary>
        public bool ServeLine(IByteStream stream)
        {
            return ServeStream(stream, true, UnknownPeer);
        }

        /// <summary>Makes every <see cref="Serve"/> return within one poll interval, ending its session with a CLOSE.</summary>
        public void Stop()
        {
            Interlocked.Exchange(ref stopping, 1);
        }

        private bool Stopping
        {
            get { return Interlocked.CompareExchange(ref stopping, 0, 0) != 0; }
        }

        /// <summary>
        /// Sends an event to every session that asked for events, with the source's running counter. Thread-safe; never
        /// blocks on the engine nor on a stream (the event is queued). Not retransmitted: a lost event shows as a gap.
        /// </summary>
        public void Raise(int source, int code, int value)
        {
            events.Raise(ports, source, code, value);
        }

        /// <summary>How many event sources have raised events so far (for /fw/status).</summary>
        public int EventSourcesSeen
        {
            get { return events.SourcesSeen; }
        }

        /// <summary>The <paramref name="index"/>-th event source seen and its running counter (for /fw/status).</summary>
        public void EventSourceAt(int index, out int source, out uint count)
        {
            events.SourceAt(index, out source, out count);
        }

        // ---- the serve loop (the stream's own thread; the engine lock only around frames and timers) ----

        private bool ServeStream(IByteStream stream, bool line, int peer)
        {
            if (stream == null)
            {
                throw new ArgumentNullException("stream");
            }

            LinkPort port = Attach(stream, line, peer);
            if (port == null)
            {
                counters.Increment(LinkCounter.StreamsRefused);
                log.Warn("link: every stream slot is busy; a stream was refused");
                if (!line)
                {
                    CloseQuietly(stream);
                }

                return false;
            }

            if (config.Threads != null)
            {
                config.Threads.Start(port.Output.Run);
            }
            else
            {
                new Thread(port.Output.Run).Start();
            }

            try
            {
                while (!Stopping && !port.Dropped && !port.Output.IsBroken)
                {
                    int n = stream.Read(port.Rx, 0, port.Rx.Length, config.PollMs);
                    if (n < 0)
                    {
                        break;
                    }

                    if (n > 0)
                    {
                        port.IdlePolls = 0;
                        counters.Add(LinkCounter.BytesIn, n);
                        Receive(port, n);
                        port.Output.FlushInline();
                    }
                    else
                    {
                        if (port.IdlePolls < IdlePollsToExpire)
                        {
                            port.IdlePolls++;
                        }

                        if (port.IdlePolls >= IdlePollsToExpire && port.Decoder.InFrame && port.Decoder.Expire())
                        {
                            // A frame stopped arriving mid-way: its tail was lost. Drop it and search what it held.
                            OnOutcome(port);
                            Receive(port, 0);
                        }
                    }

                    CheckTimers(port);
                }
            }
            finally
            {
                Detach(port);
                port.Output.Drain(FinalDrainMs);
                port.Output.Close();
                if (!line)
                {
                    // Closing wakes a writer blocked on the stream; the listener's place frees only now, after the slot.
                    CloseQuietly(stream);
                }

                port.Output.AwaitWriter(config.OutputStallMs);
                Release(port);
            }

            return true;
        }

        private void Receive(LinkPort port, int count)
        {
            FrameDecoder decoder = port.Decoder;
            int offset = 0;
            while (true)
            {
                // Until NeedMore, not until the input is used up: a failed frame may leave whole frames held.
                offset += decoder.Feed(port.Rx, offset, count - offset);
                if (decoder.Status == FrameDecodeStatus.NeedMore)
                {
                    return;
                }

                OnOutcome(port);
            }
        }

        private void OnOutcome(LinkPort port)
        {
            FrameDecodeStatus status = port.Decoder.Status;
            if (status == FrameDecodeStatus.Frame)
            {
                lock (engineLock)
                {
                    Process(port);
                }
            }
            else if (status == FrameDecodeStatus.Dropped)
            {
                OnDrop(port);
            }
        }

        private void OnDrop(LinkPort port)
        {
            FrameDecoder decoder = port.Decoder;
            LinkCounter drop;
            if (LinkCounters.ForDrop(decoder.DropReason, out drop))
            {
                counters.Increment(drop);
            }

            if (decoder.DropReason == FrameDropReason.BadVersion && decoder.Header.Kind == FrameKind.Hello)
            {
                lock (engineLock)
                {
                    log.Warn("link: HELLO in link version " + decoder.Header.Version.ToString() + " refused (this board speaks " + LinkLimits.Version.ToString() + ")");
                    RefuseHandshake(port, FrameKind.HelloReply, decoder.Header.Seq, Errno.ENOTSUP, RefusalReason.UnsupportedVersion);
                }
            }
        }

        // ---- sending: frames go into the stream's output queue (never blocks) ----

        private void Refuse(LinkPort port, FrameKind kind, uint seq, int errno, RefusalReason reason)
        {
            counters.Increment(LinkCounter.Refusals);
            FrameHeader.Write(port.Control, 0, kind, FrameFlags.Error, reason, seq, errno, 0);
            Send(port, port.Control, 0);
        }

        private void RefuseHandshake(LinkPort port, FrameKind kind, uint seq, int errno, RefusalReason reason)
        {
            counters.Increment(LinkCounter.Refusals);
            counters.Increment(LinkCounter.AuthFailures);
            FrameHeader.Write(port.Control, 0, kind, FrameFlags.Error, reason, seq, errno, 0);
            int body = kind == FrameKind.HelloReply ? HelloReply.EncodeRefusal(port.Control, FrameHeader.Size) : 0;
            Send(port, port.Control, body);
        }

        private void SendControl(LinkPort port, FrameKind kind, RefusalReason reason, uint seq, int a)
        {
            FrameHeader.Write(port.Control, 0, kind, 0, reason, seq, a, 0);
            Send(port, port.Control, 0);
        }

        /// <summary>Queues a frame (header at 0 of <paramref name="frame"/>) on the port's stream.</summary>
        private void Send(LinkPort port, byte[] frame, int bodyLength)
        {
            port.Output.Send(frame, bodyLength, false, false);
        }

        private static void CloseQuietly(IByteStream stream)
        {
            try
            {
                stream.Close();
            }
            catch (Exception)
            {
                // Closing a stream that already failed: nothing more to do.
            }
        }

        private static int Min(int a, int b)
        {
            return a < b ? a : b;
        }

        private static string Hex(byte[] b, int count)
        {
            const string digits = "0123456789abcdef";
            char[] c = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                c[2 * i] = digits[b[i] >> 4];
                c[(2 * i) + 1] = digits[b[i] & 0xF];
            }

            return new string(c);
        }
    }
}
