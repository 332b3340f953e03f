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
        private LinkPort Attach(IByteStream stream, bool line)
        {
            // An evicted stream frees its slot within a poll interval, a final drain and its writer's end; a loaded
            // machine may take longer, and the new connection's own thread is all that waits: allow the handshake
            // time. Counted in waits, not by the board clock (a test clock may stand still).
            int budget = (4 * config.PollMs) + FinalDrainMs + config.OutputStallMs;
            int waits = (budget > config.HandshakeTimeoutMs ? budget : config.HandshakeTimeoutMs) / config.PollMs;
            while (true)
            {
                LinkPort victim = null;
                lock (engineLock)
                {
                    long now = clock.MonotonicMs;
                    for (int i = 0; i < ports.Length; i++)
                    {
                        LinkPort p = ports[i];
                        if (p.InUse || p.Output.WriterRunning)
                        {
                            continue;
                        }

                        p.InUse = true;
                        p.IsLine = line;
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
                        return p;
                    }

                    if (line || Stopping)
                    {
                        return null;
                    }

                    // Keep room for a new handshake: the oldest connection that carries no session makes way.
                    for (int i = 0; i < ports.Length; i++)
                    {
                        LinkPort p = ports[i];
                        if (p.InUse && !p.IsLine && p.Session == null && !p.Dropped && (victim == null || p.AttachedMs < victim.AttachedMs))
                        {
                            victim = p;
                        }
                    }

                    if (victim != null && victim.MarkDropped())
                    {
                        counters.Increment(LinkCounter.StreamsEvicted);
                        log.Warn("link: stream " + victim.Index.ToString() + " evicted (no session) to make room for a new connection");
                    }
                    else
                    {
                        victim = null;
                    }
                }

                if (victim != null)
                {
                    // Wakes its serve loop at once (a connection is closed by its serve loop anyway).
                    CloseQuietly(victim.Stream);
                }
                else if (!AnyEvictionUnderway())
                {
                    // Every slot carries a session (or a line): nothing will free soon.
                    return null;
                }

                if (waits-- <= 0)
                {
                    return null;
                }

                portFreed.WaitOne(config.PollMs, false);
            }
        }

        private bool AnyEvictionUnderway()
        {
            lock (engineLock)
            {
                for (int i = 0; i < ports.Length; i++)
                {
                    if ((ports[i].InUse && ports[i].Dropped) || (!ports[i].InUse && ports[i].Output.WriterRunning))
                    {
                        return true;
                    }
                }

                return false;
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
