using System;
using System.Threading;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Platform;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Link
{
    /// <summary>
    /// The board's end of the link (hardware-docs/link.md): serves byte streams, runs the handshake and
    /// the mutual authentication, orders and de-duplicates each session's requests, hands them to the resource manager
    /// (<see cref="IMessageHandler"/>) exactly once, answers retransmissions from a reply cache, ends dead sessions
    /// (RM-5), and sends events to the sessions that asked for them.
    /// <para>
    /// Threads: <see cref="Serve"/> blocks the calling thread for one stream (call it once per stream, each on its own
    /// thread: a UART, a USB gadget tty, each accepted TCP connection). Frames of all streams are processed under one
    /// engine lock, so the handler is called one call at a time. <see cref="Raise"/> may be called from any thread,
    /// including from inside the handler. Lock order: engine → event → a stream's write lock (the innermost).
    /// </para>
    /// Every table is allocated at construction from <see cref="BoardLinkConfig"/>; the steady state allocates nothing.
    /// </summary>
    public sealed class BoardLink : IEventSink
    {
        private const int ReadChunk = 512;

        /// <summary>Silent polls in a row after which a frame still arriving is taken as cut short (≥ 2 × PollMs). G.</summary>
        private const int IdlePollsToExpire = 2;

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
        private readonly byte[] bootId = new byte[HelloRequest.IdSize];
        private readonly byte[] name = new byte[HelloReply.TextSize];
        private readonly byte[] model = new byte[HelloReply.TextSize];
        private readonly byte[] firmware = new byte[HelloReply.TextSize];

        // Engine scratch (used under the engine lock only).
        private readonly HelloRequest incoming = new HelloRequest();
        private readonly CredInfo cred = new CredInfo();
        private readonly byte[] scratch = new byte[LinkAuth.ScratchSize];
        private readonly byte[] mac = new byte[LinkAuth.MacSize];
        private readonly byte[] recentNonces;
        private int recentNext;
        private int recentCount;
        private uint nonceCounter;

        // Events (under the event lock).
        private readonly object eventLock = new object();
        private readonly int[] eventSources;
        private readonly uint[] eventCounts;
        private int eventSourceCount;
        private readonly byte[] eventFrame = new byte[LinkLimits.FrameLength(EventBody.Size)];
        private readonly byte[] eventTx = new byte[LinkLimits.WireLength(EventBody.Size)];

        private int stopping;

        /// <param name="config">The board's tables; validated here.</param>
        /// <param name="handler">The resource manager.</param>
        /// <param name="hmac">HMAC-SHA-256 keyed with the board's pre-shared key (the link never sees the key).</param>
        /// <param name="clock">Monotonic time for the timeouts.</param>
        /// <param name="log">Where refusals and session changes are logged (never a key).</param>
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

            ports = new LinkPort[config.EffectiveStreams];
            for (int i = 0; i < ports.Length; i++)
            {
                ports[i] = new LinkPort(i, config.MaxBody, ReadChunk, crc);
            }

            recentNonces = new byte[config.RecentNonces * HelloRequest.NonceSize];
            eventSources = new int[config.EventSources];
            eventCounts = new uint[config.EventSources];
        }

        /// <summary>The link's counters (frames, drops by reason, requests applied, duplicates, refusals, sessions…).</summary>
        public LinkCounters Counters
        {
            get { return counters; }
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
        /// Serves one stream until it closes, a write to it fails or <see cref="Stop"/> is called; then ends the session
        /// it carried (RM-5). Returns false at once when every stream slot is busy (the caller closes the stream).
        /// </summary>
        public bool Serve(IByteStream stream)
        {
            if (stream == null)
            {
                throw new ArgumentNullException("stream");
            }

            LinkPort port = Attach(stream);
            if (port == null)
            {
                counters.Increment(LinkCounter.StreamsRefused);
                log.Warn("link: every stream slot is busy; a stream was refused");
                return false;
            }

            try
            {
                while (!Stopping && !port.IsBroken)
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
            }

            return true;
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
        /// blocks on the engine (only on the streams' write locks). Not retransmitted: a lost event shows as a gap.
        /// </summary>
        public void Raise(int source, int code, int value)
        {
            lock (eventLock)
            {
                uint counter = NextEventCount(source);
                counters.Increment(LinkCounter.EventsRaised);
                FrameHeader.Write(eventFrame, 0, FrameKind.Event, 0, RefusalReason.None, counter, source, code);
                EventBody.Encode(eventFrame, FrameHeader.Size, value);
                int n = FrameEncoder.Encode(eventFrame, 0, EventBody.Size, eventTx, 0, crc);
                for (int i = 0; i < ports.Length; i++)
                {
                    LinkPort p = ports[i];
                    lock (p.WriteLock)
                    {
                        if (!p.EventsEnabled || p.Stream == null || p.IsBroken)
                        {
                            continue;
                        }

                        if (!WriteLocked(p, eventTx, n))
                        {
                            continue;
                        }
                    }

                    counters.Increment(LinkCounter.EventsSent);
                }
            }
        }

        /// <summary>How many event sources have raised events so far (for /fw/status).</summary>
        public int EventSourcesSeen
        {
            get
            {
                lock (eventLock)
                {
                    return eventSourceCount;
                }
            }
        }

        /// <summary>The <paramref name="index"/>-th event source seen and its running counter (for /fw/status).</summary>
        public void EventSourceAt(int index, out int source, out uint count)
        {
            lock (eventLock)
            {
                source = eventSources[index];
                count = eventCounts[index];
            }
        }

        private uint NextEventCount(int source)
        {
            for (int i = 0; i < eventSourceCount; i++)
            {
                if (eventSources[i] == source)
                {
                    uint next = eventCounts[i] + 1;
                    eventCounts[i] = next == 0 ? 1 : next;
                    return eventCounts[i];
                }
            }

            if (eventSourceCount < eventSources.Length)
            {
                eventSources[eventSourceCount] = source;
                eventCounts[eventSourceCount] = 1;
                eventSourceCount++;
                return 1;
            }

            return 0;
        }

        // ---- streams ----

        private LinkPort Attach(IByteStream stream)
        {
            lock (engineLock)
            {
                for (int i = 0; i < ports.Length; i++)
                {
                    LinkPort p = ports[i];
                    if (p.InUse)
                    {
                        continue;
                    }

                    p.InUse = true;
                    p.ClearBroken();
                    p.Pending = false;
                    p.Session = null;
                    p.Decoder.Reset();
                    p.IdlePolls = 0;
                    p.Decoder.MaxBody = p.Decoder.CapacityBody;
                    lock (p.WriteLock)
                    {
                        p.Stream = stream;
                        p.EventsEnabled = false;
                    }

                    return p;
                }

                return null;
            }
        }

        private void Detach(LinkPort port)
        {
            lock (engineLock)
            {
                if (port.Session != null)
                {
                    if (Stopping && !port.IsBroken)
                    {
                        EndSession(port.Session, RefusalReason.Shutdown, true, 0);
                    }
                    else
                    {
                        EndSession(port.Session, RefusalReason.StreamClosed, false, 0);
                    }
                }

                port.Pending = false;
                lock (port.WriteLock)
                {
                    port.Stream = null;
                    port.EventsEnabled = false;
                }

                port.InUse = false;
            }
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
            counters.Increment(LinkCounter.ForDrop(decoder.DropReason));
            if (decoder.DropReason == FrameDropReason.BadVersion && decoder.Header.Kind == FrameKind.Hello)
            {
                lock (engineLock)
                {
                    log.Warn("link: HELLO in link version " + decoder.Header.Version.ToString() + " refused (this board speaks " + LinkLimits.Version.ToString() + ")");
                    RefuseHandshake(port, FrameKind.HelloReply, decoder.Header.Seq, Errno.ENOTSUP, RefusalReason.UnsupportedVersion);
                }
            }
        }

        private void CheckTimers(LinkPort port)
        {
            long now = clock.MonotonicMs;
            lock (engineLock)
            {
                LinkSession s = port.Session;
                if (s != null && now - s.LastRxMs > config.SessionTimeoutMs)
                {
                    counters.Increment(LinkCounter.SessionTimeouts);
                    EndSession(s, RefusalReason.SessionTimeout, true, 0);
                }

                if (port.Pending && now - port.PendingSinceMs > config.HandshakeTimeoutMs)
                {
                    port.Pending = false;
                }
            }
        }

        // ---- frames (engine lock held) ----

        private void Process(LinkPort port)
        {
            FrameDecoder d = port.Decoder;
            FrameHeader h = d.Header;
            counters.Increment(LinkCounter.FramesIn);
            long now = clock.MonotonicMs;
            if (h.Kind == FrameKind.Hello)
            {
                OnHello(port, h, d.Buffer, d.BodyOffset, d.BodyLength, now);
                return;
            }

            if (h.Kind == FrameKind.Auth)
            {
                OnAuth(port, h, d.Buffer, d.BodyOffset, d.BodyLength, now);
                return;
            }

            if (FrameKind.IsBoardToHost(h.Kind))
            {
                // An answer kind is never answered (two boards wired together must not ping-pong refusals).
                counters.Increment(LinkCounter.DropUnexpected);
                return;
            }

            LinkSession s = port.Session;
            if (s == null)
            {
                Refuse(port, FrameKind.Reply, h.Seq, Errno.EPERM, RefusalReason.NotAuthenticated);
                return;
            }

            s.LastRxMs = now;
            switch (h.Kind)
            {
                case FrameKind.Request:
                case FrameKind.Declare:
                    OnSequenced(port, s, h.Seq, d.Buffer, d.HeaderOffset, d.BodyLength);
                    return;
                case FrameKind.Ping:
                    counters.Increment(LinkCounter.PingsAnswered);
                    SendControl(port, FrameKind.Pong, RefusalReason.None, h.Seq, 0);
                    return;
                case FrameKind.Close:
                    EndSession(s, RefusalReason.ClosedByHost, true, h.Seq);
                    return;
                default:
                    Refuse(port, FrameKind.Reply, h.Seq, Errno.ENOSYS, RefusalReason.UnsupportedKind);
                    return;
            }
        }

        private void OnHello(LinkPort port, FrameHeader h, byte[] b, int o, int length, long now)
        {
            if (incoming.Decode(b, o, length) != DecodeError.None || incoming.MaxBody < LinkLimits.MinBody || incoming.Window < 1)
            {
                log.Warn("link: HELLO refused: malformed, or limits below one page");
                RefuseHandshake(port, FrameKind.HelloReply, h.Seq, Errno.EINVAL, RefusalReason.BadHello);
                return;
            }

            if (NonceSeen(incoming.HostNonce))
            {
                log.Warn("link: HELLO refused: a host nonce seen before (replayed challenge)");
                RefuseHandshake(port, FrameKind.HelloReply, h.Seq, Errno.EPERM, RefusalReason.ReplayedNonce);
                return;
            }

            RememberNonce(incoming.HostNonce);
            if (!SlotAvailableFor(port, incoming.HostId))
            {
                log.Warn("link: HELLO refused: every session slot is taken");
                RefuseHandshake(port, FrameKind.HelloReply, h.Seq, Errno.EAGAIN, RefusalReason.NoSessionSlot);
                return;
            }

            if (port.Session != null)
            {
                // One session per stream: a new handshake ends the one the stream carried (a restarted host on a tty).
                EndSession(port.Session, RefusalReason.NewHandshake, false, 0);
            }

            Array.Copy(b, o, port.HelloBody, 0, HelloRequest.Size);
            port.Hello.Decode(port.HelloBody, 0, HelloRequest.Size);
            HelloReply r = port.HelloReply;
            r.MaxBody = Min(port.Hello.MaxBody, config.MaxBody);
            r.Window = Min(port.Hello.Window, config.Window);
            r.Features = port.Hello.Features & config.Features;
            r.SessionTimeoutMs = config.SessionTimeoutMs;
            Array.Copy(bootId, 0, r.BootId, 0, bootId.Length);
            nonceCounter++;
            LinkAuth.BoardNonce(hmac, bootId, nonceCounter, now, port.Hello.HostNonce, 0, scratch, r.BoardNonce, 0);
            Array.Copy(name, 0, r.Name, 0, name.Length);
            Array.Copy(model, 0, r.Model, 0, model.Length);
            Array.Copy(firmware, 0, r.Firmware, 0, firmware.Length);
            r.Encode(port.ReplyBody, 0);
            LinkAuth.BoardProof(hmac, port.HelloBody, 0, port.ReplyBody, 0, scratch, port.ReplyBody, HelloReply.OffProof);
            Array.Copy(port.ReplyBody, HelloReply.OffProof, r.Proof, 0, HelloReply.ProofSize);

            port.Pending = true;
            port.PendingSeq = h.Seq;
            port.PendingSinceMs = now;
            counters.Increment(LinkCounter.Handshakes);

            FrameHeader.Write(port.Control, 0, FrameKind.HelloReply, 0, RefusalReason.None, h.Seq, 0, 0);
            Array.Copy(port.ReplyBody, 0, port.Control, FrameHeader.Size, HelloReply.Size);
            Send(port, port.Control, HelloReply.Size);
        }

        private void OnAuth(LinkPort port, FrameHeader h, byte[] b, int o, int length, long now)
        {
            if (length < LinkAuth.MacSize)
            {
                log.Warn("link: AUTH refused: no proof");
                RefuseHandshake(port, FrameKind.AuthReply, h.Seq, Errno.EPERM, RefusalReason.BadMac);
                return;
            }

            if (!port.Pending)
            {
                if (port.Session != null && h.Seq == port.AuthSeq && LinkAuth.MacEquals(b, o, port.AuthProof, 0))
                {
                    // The AUTH_REPLY was lost and the host sent the same AUTH again.
                    SendAuthAccepted(port, port.Session, h.Seq);
                    return;
                }

                log.Warn("link: AUTH refused: no HELLO pending on this stream");
                RefuseHandshake(port, FrameKind.AuthReply, h.Seq, Errno.EPERM, RefusalReason.NoHandshake);
                return;
            }

            if (h.Seq != port.PendingSeq)
            {
                RefuseHandshake(port, FrameKind.AuthReply, h.Seq, Errno.EPERM, RefusalReason.StaleHandshake);
                return;
            }

            port.Pending = false;
            LinkAuth.HostProof(hmac, port.HelloBody, 0, port.ReplyBody, 0, scratch, mac, 0);
            if (!LinkAuth.MacEquals(b, o, mac, 0))
            {
                log.Warn("link: AUTH refused: the host's proof does not match (wrong key, or an AUTH replayed against a new challenge)");
                RefuseHandshake(port, FrameKind.AuthReply, h.Seq, Errno.EPERM, RefusalReason.BadMac);
                return;
            }

            // RM-5: a newly authenticated session replaces every session of the same host id.
            for (int i = 0; i < sessions.Length; i++)
            {
                LinkSession old = sessions[i];
                if (old.InUse && old.SameHost(port.Hello.HostId))
                {
                    EndSession(old, RefusalReason.SessionReplaced, old.Port != port, 0);
                }
            }

            if (port.Session != null)
            {
                EndSession(port.Session, RefusalReason.NewHandshake, false, 0);
            }

            LinkSession s = FreeSession();
            if (s == null)
            {
                log.Warn("link: AUTH refused: every session slot is taken");
                RefuseHandshake(port, FrameKind.AuthReply, h.Seq, Errno.EAGAIN, RefusalReason.NoSessionSlot);
                return;
            }

            HelloReply r = port.HelloReply;
            s.Open(port, port.Hello.HostId, r.MaxBody, r.Window, r.Features, now);
            port.Session = s;
            port.AuthSeq = h.Seq;
            Array.Copy(b, o, port.AuthProof, 0, LinkAuth.MacSize);
            port.Decoder.MaxBody = s.MaxBody;
            counters.Increment(LinkCounter.SessionsOpened);
            log.Info("link: session " + s.Slot.ToString() + " opened on stream " + port.Index.ToString() + " for host " + Hex(s.HostId, 4));
            SendAuthAccepted(port, s, h.Seq);
        }

        private void SendAuthAccepted(LinkPort port, LinkSession s, uint seq)
        {
            FrameHeader.Write(port.Control, 0, FrameKind.AuthReply, 0, RefusalReason.None, seq, s.Slot, 0);

            // Events start in the same write lock as the AUTH_REPLY: none before it, none missed after it.
            SendAndSetEvents(port, port.Control, 0, true, port.Session == s && (s.Features & LinkFeatures.Events) != 0);
        }

        private void OnSequenced(LinkPort port, LinkSession s, uint seq, byte[] frame, int at, int bodyLength)
        {
            int ahead = (int)(seq - s.NextSeq);
            if (ahead == 0)
            {
                Execute(port, s, frame, at, bodyLength);
                ExecuteHeld(port, s);
                return;
            }

            int i = s.IndexOf(seq);
            if (ahead > 0)
            {
                if (ahead >= s.Window)
                {
                    counters.Increment(LinkCounter.DropOutOfWindow);
                    return;
                }

                if (s.HoldValid[i] && s.HoldSeq[i] == seq)
                {
                    counters.Increment(LinkCounter.DropDuplicateHeld);
                    return;
                }

                Array.Copy(frame, at, s.HoldFrames[i], 0, FrameHeader.Size + bodyLength);
                s.HoldSeq[i] = seq;
                s.HoldBodyLength[i] = bodyLength;
                s.HoldValid[i] = true;
                counters.Increment(LinkCounter.HeldEarly);
                return;
            }

            if (ahead >= -s.Window && s.CacheValid[i] && s.CacheSeq[i] == seq)
            {
                counters.Increment(LinkCounter.DuplicatesAnswered);
                Send(port, s.CacheFrames[i], s.CacheBodyLength[i]);
                return;
            }

            counters.Increment(LinkCounter.DropStale);
        }

        private void ExecuteHeld(LinkPort port, LinkSession s)
        {
            while (s.InUse)
            {
                int i = s.IndexOf(s.NextSeq);
                if (!s.HoldValid[i] || s.HoldSeq[i] != s.NextSeq)
                {
                    return;
                }

                s.HoldValid[i] = false;
                Execute(port, s, s.HoldFrames[i], 0, s.HoldBodyLength[i]);
            }
        }

        /// <summary>Executes the sequenced frame at <paramref name="at"/> in <paramref name="frame"/>, caches its reply and sends it.</summary>
        private void Execute(LinkPort port, LinkSession s, byte[] frame, int at, int bodyLength)
        {
            int kind = frame[at + FrameHeader.OffKind];
            uint seq = LittleEndian.ReadU32(frame, at + FrameHeader.OffSeq);
            int a = LittleEndian.ReadI32(frame, at + FrameHeader.OffA);
            int b = LittleEndian.ReadI32(frame, at + FrameHeader.OffB);
            int i = s.IndexOf(seq);
            Reply reply = s.CacheReplies[i];
            reply.Reset();
            int reason = kind == FrameKind.Declare
                ? ExecuteDeclare(s, a, b, frame, at + FrameHeader.Size, bodyLength, reply)
                : ExecuteRequest(s, a, b, frame, at + FrameHeader.Size, bodyLength, reply);

            int replyBody = reply.IsError ? 0 : reply.Length;
            FrameHeader.Write(s.CacheFrames[i], 0, FrameKind.Reply, reply.IsError ? FrameFlags.Error : 0, reason, seq, reply.Value, 0);
            s.CacheSeq[i] = seq;
            s.CacheBodyLength[i] = replyBody;
            s.CacheValid[i] = true;
            s.NextSeq = seq + 1;
            if (reason != RefusalReason.None)
            {
                counters.Increment(LinkCounter.Refusals);
            }

            Send(port, s.CacheFrames[i], replyBody);
        }

        private int ExecuteRequest(LinkSession s, int pid, int coid, byte[] frame, int bodyOffset, int bodyLength, Reply reply)
        {
            if (!s.IsDeclared(pid))
            {
                reply.SetError(Errno.EPERM);
                return RefusalReason.UndeclaredPid;
            }

            counters.Increment(LinkCounter.RequestsApplied);
            try
            {
                handler.Handle(s.Slot, pid, coid, frame, bodyOffset, bodyLength, reply);
            }
            catch (Exception e)
            {
                return HandlerFault(reply, "request", e);
            }

            if (!reply.IsError && (reply.Length < 0 || reply.Length > reply.Capacity))
            {
                return HandlerFault(reply, "request", null);
            }

            return RefusalReason.None;
        }

        private int ExecuteDeclare(LinkSession s, int pid, int flags, byte[] frame, int bodyOffset, int bodyLength, Reply reply)
        {
            counters.Increment(LinkCounter.DeclaresApplied);
            if (cred.Decode(frame, bodyOffset, bodyLength) != DecodeError.None)
            {
                reply.SetError(Errno.EINVAL);
                return RefusalReason.BadDeclare;
            }

            if (s.IsDeclared(pid))
            {
                reply.SetError(Errno.EBUSY);
                return RefusalReason.None;
            }

            if (s.ProcessTableFull)
            {
                reply.SetError(Errno.ENOMEM);
                return RefusalReason.None;
            }

            int errno;
            try
            {
                errno = handler.DeclareProcess(s.Slot, pid, cred, (flags & ProcessFlags.Bits64) != 0);
            }
            catch (Exception e)
            {
                return HandlerFault(reply, "declare", e);
            }

            if (errno != Errno.EOK)
            {
                reply.SetError(errno);
                return RefusalReason.None;
            }

            s.AddPid(pid);
            reply.SetStatus(0, 0);
            return RefusalReason.None;
        }

        private int HandlerFault(Reply reply, string what, Exception e)
        {
            counters.Increment(LinkCounter.HandlerFaults);
            log.Warn(e != null
                ? "link: the handler threw on a " + what + ": " + e.Message
                : "link: the handler's reply body does not fit the frame; answered EIO");
            reply.SetError(Errno.EIO);
            return RefusalReason.HandlerFault;
        }

        private void EndSession(LinkSession s, int reason, bool sendClose, uint seq)
        {
            LinkPort p = s.Port;
            if (p != null)
            {
                if (sendClose)
                {
                    SendControl(p, FrameKind.Close, reason, seq, 0);
                }

                lock (p.WriteLock)
                {
                    p.EventsEnabled = false;
                }

                p.Session = null;
            }

            int slot = s.Slot;
            s.Close();
            counters.Increment(LinkCounter.SessionsEnded);
            log.Info("link: session " + slot.ToString() + " ended: " + RefusalReason.Name(reason));
            try
            {
                handler.EndSession(slot);
            }
            catch (Exception e)
            {
                counters.Increment(LinkCounter.HandlerFaults);
                log.Warn("link: the handler threw ending session " + slot.ToString() + ": " + e.Message);
            }
        }

        private LinkSession FreeSession()
        {
            for (int i = 0; i < sessions.Length; i++)
            {
                if (!sessions[i].InUse)
                {
                    return sessions[i];
                }
            }

            return null;
        }

        private bool SlotAvailableFor(LinkPort port, byte[] hostId)
        {
            if (port.Session != null)
            {
                return true;
            }

            for (int i = 0; i < sessions.Length; i++)
            {
                if (!sessions[i].InUse || sessions[i].SameHost(hostId))
                {
                    return true;
                }
            }

            return false;
        }

        private bool NonceSeen(byte[] nonce)
        {
            for (int k = 0; k < recentCount; k++)
            {
                int at = k * HelloRequest.NonceSize;
                bool same = true;
                for (int j = 0; j < HelloRequest.NonceSize; j++)
                {
                    if (recentNonces[at + j] != nonce[j])
                    {
                        same = false;
                        break;
                    }
                }

                if (same)
                {
                    return true;
                }
            }

            return false;
        }

        private void RememberNonce(byte[] nonce)
        {
            Array.Copy(nonce, 0, recentNonces, recentNext * HelloRequest.NonceSize, HelloRequest.NonceSize);
            recentNext = (recentNext + 1) % config.RecentNonces;
            if (recentCount < config.RecentNonces)
            {
                recentCount++;
            }
        }

        // ---- sending (engine lock held; the stream's write lock taken here) ----

        private void Refuse(LinkPort port, int kind, uint seq, int errno, int reason)
        {
            counters.Increment(LinkCounter.Refusals);
            FrameHeader.Write(port.Control, 0, kind, FrameFlags.Error, reason, seq, errno, 0);
            Send(port, port.Control, 0);
        }

        private void RefuseHandshake(LinkPort port, int kind, uint seq, int errno, int reason)
        {
            counters.Increment(LinkCounter.Refusals);
            counters.Increment(LinkCounter.AuthFailures);
            FrameHeader.Write(port.Control, 0, kind, FrameFlags.Error, reason, seq, errno, 0);
            int body = kind == FrameKind.HelloReply ? HelloReply.EncodeRefusal(port.Control, FrameHeader.Size) : 0;
            Send(port, port.Control, body);
        }

        private void SendControl(LinkPort port, int kind, int reason, uint seq, int a)
        {
            FrameHeader.Write(port.Control, 0, kind, 0, reason, seq, a, 0);
            Send(port, port.Control, 0);
        }

        /// <summary>Encodes a frame (header at 0 of <paramref name="frame"/>) into the port's buffer and writes it.</summary>
        private void Send(LinkPort port, byte[] frame, int bodyLength)
        {
            SendAndSetEvents(port, frame, bodyLength, false, false);
        }

        private void SendAndSetEvents(LinkPort port, byte[] frame, int bodyLength, bool setEvents, bool eventsEnabled)
        {
            int n = FrameEncoder.Encode(frame, 0, bodyLength, port.Tx, 0, crc);
            lock (port.WriteLock)
            {
                if (port.Stream != null && !port.IsBroken)
                {
                    WriteLocked(port, port.Tx, n);
                }

                if (setEvents)
                {
                    port.EventsEnabled = eventsEnabled;
                }
            }
        }

        /// <summary>Writes under the port's write lock (held by the caller); a failed write marks the stream broken.</summary>
        private bool WriteLocked(LinkPort port, byte[] wire, int n)
        {
            try
            {
                port.Stream.Write(wire, 0, n);
            }
            catch (Exception)
            {
                port.MarkBroken();
                return false;
            }

            counters.Increment(LinkCounter.FramesOut);
            counters.Add(LinkCounter.BytesOut, n);
            return true;
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
