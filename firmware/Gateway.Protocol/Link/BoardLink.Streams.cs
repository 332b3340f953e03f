using Gateway.Protocol.Platform;

namespace Gateway.Protocol.Link
{
    /// <summary>
    /// Stream slots: attaching a stream (evicting the oldest unauthenticated connection when every slot is busy),
    /// the timers of a served stream (session timeout, handshake timeout, a connection without a session, a stalled
    /// writer), and detaching it. hardware-docs/link.md §7.
    /// </summary>
    public sealed partial class BoardLink
    {
        /// <summary>
        /// Gives a new stream a slot, deciding at once under the engine lock (hardware-docs/link.md §10, "Places", G):
        /// a free slot (a connection only while connections hold fewer than <c>ConnectionSlots</c>); else, for a
        /// connection, a slot already on its way out (its stream ended or was dropped), promised to this stream; else
        /// a connection without a session is evicted and its slot promised to this stream: the oldest of the peer
        /// holding the most of them when that is at least two more than this stream's peer holds (the fair share, grace
        /// or not), else the oldest that has had its grace (<c>EvictionGraceMs</c>); else null (refused at once). A
        /// promised slot is taken by the stream it was promised to and by no other, so a peer that reconnects cannot
        /// take back the place it was evicted from, and the grace keeps a stream of newcomers from pushing a
        /// connection out before it could authenticate.
        /// </summary>
        private LinkPort Attach(IByteStream stream, bool line, int peer)
        {
            LinkPort target = null;
            LinkPort victim = null;
            lock (engineLock)
            {
                long now = clock.MonotonicMs;
                bool room = line || ConnectionSlotsHeld() < config.ConnectionSlots;
                for (int i = 0; i < ports.Length && room; i++)
                {
                    LinkPort p = ports[i];
                    if (!p.InUse && !p.Promised && !p.Output.WriterRunning)
                    {
                        Take(p, stream, line, peer, now);
                        return p;
                    }
                }

                if (line || Stopping)
                {
                    return null;
                }

                // A slot on its way out frees within a poll, a final drain and its writer's end (a line's only while
                // connections are below their share: the others are kept for lines).
                for (int i = 0; i < ports.Length && target == null; i++)
                {
                    LinkPort p = ports[i];
                    if (!p.Promised && (p.InUse ? (p.Ending || p.Dropped) : p.Output.WriterRunning) && (room || !p.IsLine))
                    {
                        target = p;
                    }
                }

                if (target == null)
                {
                    // Keep room for a new handshake: a connection that carries no session makes way.
                    victim = FairShareVictim(peer);
                    if (victim == null)
                    {
                        victim = OldestPastGrace(now);
                    }

                    if (victim == null || !victim.MarkDropped())
                    {
                        // Every slot carries a session, a line or a connection still in its grace, no peer over its share.
                        return null;
                    }

                    counters.Increment(LinkCounter.StreamsEvicted);
                    log.Warn("link: stream " + victim.Index.ToString() + " evicted (no session) to make room for a new connection");
                    target = victim;
                }

                target.Promised = true;
                target.PromisedPeer = peer;
            }

            if (victim != null)
            {
                // Wakes its serve loop at once (a connection is closed by its serve loop anyway).
                CloseQuietly(victim.Stream);
            }

            // Counted in waits, not by the board clock (a test clock may stand still); a loaded machine may take long.
            int budget = (4 * config.PollMs) + FinalDrainMs + config.OutputStallMs;
            int waits = (budget > config.HandshakeTimeoutMs ? budget : config.HandshakeTimeoutMs) / config.PollMs;
            while (true)
            {
                lock (engineLock)
                {
                    if (!target.InUse && !target.Output.WriterRunning && !Stopping)
                    {
                        Take(target, stream, line, peer, clock.MonotonicMs);
                        return target;
                    }

                    if (Stopping || waits-- <= 0)
                    {
                        target.Promised = false;
                        return null;
                    }
                }

                portFreed.WaitOne(config.PollMs, false);
            }
        }

        /// <summary>
        /// Slots held for connections: in use by one, promised to one, or a connection's still ending. The others are
        /// free or a line's.
        /// </summary>
        private int ConnectionSlotsHeld()
        {
            int n = 0;
            for (int i = 0; i < ports.Length; i++)
            {
                LinkPort p = ports[i];
                if (p.Promised || (!p.IsLine && (p.InUse || p.Output.WriterRunning)))
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>A connection without a session that nothing has marked yet: it may be evicted.</summary>
        private static bool Evictable(LinkPort p)
        {
            return p.InUse && !p.IsLine && p.Session == null && !p.Dropped && !p.Ending && !p.Promised;
        }

        /// <summary>
        /// Connections without a session that <paramref name="peer"/> holds or has been promised; an unknown peer holds
        /// only <paramref name="self"/> (when evictable).
        /// </summary>
        private int SessionlessOf(int peer, LinkPort self)
        {
            int n = 0;
            for (int i = 0; i < ports.Length; i++)
            {
                LinkPort q = ports[i];
                if (q.Promised ? (peer != UnknownPeer && q.PromisedPeer == peer)
                    : (Evictable(q) && (q == self || (peer != UnknownPeer && q.Peer == peer))))
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>
        /// The fair share (link.md §10, G): the oldest sessionless connection of the peer holding the most of them, when
        /// that peer holds at least two more than <paramref name="peer"/> does, evicted whatever its age. Each such
        /// eviction makes two peers' shares more even, so evictions within the grace cannot go round in a circle.
        /// </summary>
        private LinkPort FairShareVictim(int peer)
        {
            LinkPort best = null;
            int most = 0;
            for (int i = 0; i < ports.Length; i++)
            {
                LinkPort p = ports[i];
                if (Evictable(p))
                {
                    int n = SessionlessOf(p.Peer, p);
                    if (n > most || (n == most && p.AttachedMs < best.AttachedMs))
                    {
                        best = p;
                        most = n;
                    }
                }
            }

            return best != null && most >= SessionlessOf(peer, null) + 2 ? best : null;
        }

        /// <summary>The oldest connection without a session that has had its grace, or null.</summary>
        private LinkPort OldestPastGrace(long now)
        {
            LinkPort oldest = null;
            for (int i = 0; i < ports.Length; i++)
            {
                LinkPort p = ports[i];
                if (Evictable(p) && now - p.AttachedMs >= config.EvictionGraceMs && (oldest == null || p.AttachedMs < oldest.AttachedMs))
                {
                    oldest = p;
                }
            }

            return oldest;
        }

        private void Take(LinkPort p, IByteStream stream, bool line, int peer, long now)
        {
            p.InUse = true;
            p.Promised = false;
            p.Ending = false;
            p.IsLine = line;
            p.Peer = peer;
            p.ClearDropped();
            p.Pending = false;
            p.Session = null;
            p.Decoder.Reset();
            p.IdlePolls = 0;
            p.Decoder.MaxBody = p.Decoder.CapacityBody;
            p.AttachedMs = now;
            p.SessionlessSinceMs = now;
            p.Stream = stream;
            p.Output.Open(stream);
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

                if (!port.IsLine && port.Session == null && now - port.SessionlessSinceMs > config.HandshakeTimeoutMs && port.MarkDropped())
                {
                    // An idle or half-open peer must not hold a place: no session within the handshake time, closed.
                    counters.Increment(LinkCounter.StreamsIdleClosed);
                    log.Warn("link: stream " + port.Index.ToString() + " closed: no session within the handshake timeout");
                }
            }

            if (port.Output.Stalled(now, config.OutputStallMs) && port.MarkDropped())
            {
                counters.Increment(LinkCounter.StreamsStalled);
                log.Warn("link: stream " + port.Index.ToString() + " dropped: its peer has not read for " + config.OutputStallMs.ToString() + " ms");
            }
        }

        private void Detach(LinkPort port)
        {
            lock (engineLock)
            {
                if (port.Session != null)
                {
                    if (Stopping && !port.Output.IsBroken && !port.Dropped)
                    {
                        EndSession(port.Session, RefusalReason.Shutdown, true, 0);
                    }
                    else
                    {
                        EndSession(port.Session, RefusalReason.StreamClosed, false, 0);
                    }
                }

                port.Pending = false;
                port.Ending = true;
                port.Output.DisableEvents();
            }
        }

        /// <summary>Frees the slot once the serve loop is over (its writer may still be ending: see Attach).</summary>
        private void Release(LinkPort port)
        {
            lock (engineLock)
            {
                port.Stream = null;
                port.InUse = false;
            }

            portFreed.Set();
        }
    }
}
