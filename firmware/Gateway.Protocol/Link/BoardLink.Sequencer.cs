using System;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Link
{
    /// <summary>
    /// Frames of an authenticated session (hardware-docs/link.md §5): sequencing (in order, early arrivals held,
    /// duplicates answered from the reply cache), execution by the resource manager exactly once, PING, CLOSE, and
    /// the end of a session (RM-5). Engine lock held throughout.
    /// </summary>
    public sealed partial class BoardLink
    {
        private readonly CredInfo cred = new CredInfo();

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

            if (FrameKinds.IsBoardToHost(h.Kind))
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

        private void OnSequenced(LinkPort port, LinkSession s, uint seq, byte[] frame, int at, int bodyLength)
        {
            int ahead = (int)(seq - s.NextSeq);
            if (ahead == 0)
            {
                Execute(port, s, frame, at, bodyLength);
                ExecuteHeld(port, s);
                return;
            }

            if (ahead > 0)
            {
                if (ahead >= s.Window)
                {
                    counters.Increment(LinkCounter.DropOutOfWindow);
                    return;
                }

                int h = s.HoldIndexOf(seq);
                if (s.HoldValid[h] && s.HoldSeq[h] == seq)
                {
                    counters.Increment(LinkCounter.DropDuplicateHeld);
                    return;
                }

                Array.Copy(frame, at, s.HoldFrames[h], 0, FrameHeader.Size + bodyLength);
                s.HoldSeq[h] = seq;
                s.HoldBodyLength[h] = bodyLength;
                s.HoldValid[h] = true;
                counters.Increment(LinkCounter.HeldEarly);
                return;
            }

            int i = s.IndexOf(seq);

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
            while (s.InUse && s.Window > 1)
            {
                int h = s.HoldIndexOf(s.NextSeq);
                if (!s.HoldValid[h] || s.HoldSeq[h] != s.NextSeq)
                {
                    return;
                }

                s.HoldValid[h] = false;
                Execute(port, s, s.HoldFrames[h], 0, s.HoldBodyLength[h]);
            }
        }

        /// <summary>Executes the sequenced frame at <paramref name="at"/> in <paramref name="frame"/>, caches its reply and queues it.</summary>
        private void Execute(LinkPort port, LinkSession s, byte[] frame, int at, int bodyLength)
        {
            FrameKind kind = (FrameKind)frame[at + FrameHeader.OffKind];
            uint seq = LittleEndian.ReadU32(frame, at + FrameHeader.OffSeq);
            int a = LittleEndian.ReadI32(frame, at + FrameHeader.OffA);
            int b = LittleEndian.ReadI32(frame, at + FrameHeader.OffB);
            int i = s.IndexOf(seq);
            Reply reply = s.CacheReplies[i];
            reply.Reset();
            RefusalReason reason = kind == FrameKind.Declare
                ? ExecuteDeclare(s, a, (ProcessFlags)b, frame, at + FrameHeader.Size, bodyLength, reply)
                : ExecuteRequest(s, a, b, frame, at + FrameHeader.Size, bodyLength, reply);

            int replyBody = reply.IsError ? 0 : reply.Length;
            FrameHeader.Write(s.CacheFrames[i], 0, FrameKind.Reply, reply.IsError ? FrameFlags.Error : FrameFlags.None, reason, seq, reply.Value, 0);
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

        private RefusalReason ExecuteRequest(LinkSession s, int pid, int coid, byte[] frame, int bodyOffset, int bodyLength, Reply reply)
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

        private RefusalReason ExecuteDeclare(LinkSession s, int pid, ProcessFlags flags, byte[] frame, int bodyOffset, int bodyLength, Reply reply)
        {
            counters.Increment(LinkCounter.DeclaresApplied);

            // Exactly one _cred_info (60 bytes), and a real pid: anything else is a malformed DECLARE.
            if (bodyLength != CredInfo.Size || pid <= 0 || cred.Decode(frame, bodyOffset, bodyLength) != DecodeError.None)
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

        private RefusalReason HandlerFault(Reply reply, string what, Exception e)
        {
            counters.Increment(LinkCounter.HandlerFaults);
            log.Warn(e != null
                ? "link: the handler threw on a " + what + ": " + e.Message
                : "link: the handler's reply body does not fit the frame; answered EIO");
            reply.SetError(Errno.EIO);
            return RefusalReason.HandlerFault;
        }

        private void EndSession(LinkSession s, RefusalReason reason, bool sendClose, uint seq)
        {
            LinkPort p = s.Port;
            if (p != null)
            {
                if (sendClose)
                {
                    SendControl(p, FrameKind.Close, reason, seq, 0);
                }

                p.Output.DisableEvents();
                p.Session = null;

                // A connection left without a session gets the handshake time to start another, then is closed.
                p.SessionlessSinceMs = clock.MonotonicMs;
            }

            int slot = s.Slot;
            s.Close();
            counters.Increment(LinkCounter.SessionsEnded);
            log.Info("link: session " + slot.ToString() + " ended: " + RefusalReasons.Name(reason));
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
    }
}
