using System;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Link
{
    /// <summary>
    /// The handshake (hardware-docs/link.md §4): HELLO → HELLO_REPLY with the board's proof and a fresh board nonce,
    /// AUTH → AUTH_REPLY opening a session. Engine lock held throughout.
    /// </summary>
    public sealed partial class BoardLink
    {
        private readonly byte[] name = new byte[HelloReply.TextSize];
        private readonly byte[] model = new byte[HelloReply.TextSize];
        private readonly byte[] firmware = new byte[HelloReply.TextSize];

        // Handshake scratch (engine lock).
        private readonly HelloRequest incoming = new HelloRequest();
        private readonly byte[] scratch = new byte[LinkAuth.ScratchSize];
        private readonly byte[] mac = new byte[LinkAuth.MacSize];
        private readonly RecentNonces nonces;
        private uint nonceCounter;

        private void OnHello(LinkPort port, FrameHeader h, byte[] b, int o, int length, long now)
        {
            if (incoming.Decode(b, o, length) != DecodeError.None || incoming.MaxBody < LinkLimits.MinBody || incoming.Window < 1)
            {
                log.Warn("link: HELLO refused: malformed, or limits below one page");
                RefuseHandshake(port, FrameKind.HelloReply, h.Seq, Errno.EINVAL, RefusalReason.BadHello);
                return;
            }

            if (nonces.Seen(incoming.HostNonce))
            {
                log.Warn("link: HELLO refused: a host nonce seen before (replayed challenge)");
                RefuseHandshake(port, FrameKind.HelloReply, h.Seq, Errno.EPERM, RefusalReason.ReplayedNonce);
                return;
            }

            nonces.Remember(incoming.HostNonce);
            if (!SlotAvailableFor(port, incoming.HostId))
            {
                log.Warn("link: HELLO refused: every session slot is taken");
                RefuseHandshake(port, FrameKind.HelloReply, h.Seq, Errno.EAGAIN, RefusalReason.NoSessionSlot);
                return;
            }

            // A session the stream carries stays until the new handshake authenticates (OnAuth): on a shared tty a
            // HELLO from someone without the key must not end it.
            Array.Copy(b, o, port.HelloBody, 0, HelloRequest.Size);
            port.Hello.Decode(port.HelloBody, 0, HelloRequest.Size);
            HelloReply r = port.HelloReply;
            r.MaxBody = Min(port.Hello.MaxBody, config.MaxBody);
            r.Window = Min(port.Hello.Window, config.Window);
            r.Features = port.Hello.Features & config.Features;
            r.SessionTimeoutMs = config.SessionTimeoutMs;
            Array.Copy(bootId, 0, r.BootId, 0, bootId.Length);
            nonceCounter++;

            // The board nonce is a MAC over (boot id, handshake count, time, host nonce): a new boot id makes every
            // nonce of this start new even when the count and the clock repeat those of an earlier start.
            LinkAuth.BoardNonce(hmac, bootId, nonceCounter, now, port.Hello.HostNonce, 0, scratch, r.BoardNonce, 0);
            Array.Copy(name, 0, r.Name, 0, name.Length);
            Array.Copy(model, 0, r.Model, 0, model.Length);
            Array.Copy(firmware, 0, r.Firmware, 0, firmware.Length);
            r.Encode(port.ReplyBody, 0);
            HelloReply.WriteKind(port.ReplyBody, 0, config.Kind);
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
            if (length != LinkAuth.MacSize)
            {
                // Exactly one MAC: a longer body is not "a proof plus padding" but a malformed AUTH.
                log.Warn("link: AUTH refused: the body is not one 32-byte proof");
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
                // One session per stream: the new one, now authenticated, ends the one the stream carried.
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

            // Events start in the same queue step as the AUTH_REPLY: none before it, none missed after it.
            port.Output.Send(port.Control, 0, true, port.Session == s && (s.Features & LinkFeatures.Events) != 0);
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
    }
}
