using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using Gateway.Protocol.Link;
using Gateway.Protocol.Desktop.Platform;

namespace Gateway.Host.Tests.Security;

/// <summary>A frame as the board sent it.</summary>
internal sealed record BoardFrame(FrameKind Kind, FrameFlags Flags, RefusalReason Reason, uint Seq, int A, byte[] Body)
{
    public bool IsError => (Flags & FrameFlags.Error) != 0;
}

/// <summary>
/// A hand-driven host for attacks the real client never makes: frames before the handshake, a forged proof, a
/// replayed HELLO or AUTH. It speaks the same codecs as everything else (FrameEncoder/FrameDecoder).
/// </summary>
internal sealed class RawHost
{
    private readonly Stream stream;
    private readonly FrameDecoder decoder = new(LinkLimits.DesktopBody);
    private readonly Queue<BoardFrame> received = new();
    private readonly byte[] rx = new byte[4096];

    public RawHost(Stream stream) => this.stream = stream;

    public void Send(FrameKind kind, uint seq, int a, int b, byte[] body)
    {
        byte[] frame = new byte[LinkLimits.FrameLength(body.Length)];
        FrameHeader.Write(frame, 0, kind, 0, RefusalReason.None, seq, a, b);
        body.CopyTo(frame, FrameHeader.Size);
        byte[] wire = new byte[LinkLimits.WireLength(body.Length)];
        int n = FrameEncoder.Encode(frame, 0, body.Length, wire, 0);
        stream.Write(wire, 0, n);
    }

    /// <summary>The next board frame of <paramref name="kind"/> (others are skipped).</summary>
    public BoardFrame Next(FrameKind kind)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            while (received.Count > 0)
            {
                BoardFrame f = received.Dequeue();
                if (f.Kind == kind)
                {
                    return f;
                }
            }

            int n = stream.ReadAsync(rx, 0, rx.Length, timeout.Token).GetAwaiter().GetResult();
            if (n == 0)
            {
                throw new Xunit.Sdk.XunitException("the board closed the stream");
            }

            for (int offset = 0; ;)
            {
                offset += decoder.Feed(rx, offset, n - offset);
                if (decoder.Status == FrameDecodeStatus.NeedMore)
                {
                    break;
                }

                if (decoder.Status == FrameDecodeStatus.Frame)
                {
                    FrameHeader h = decoder.Header;
                    received.Enqueue(new BoardFrame(h.Kind, h.Flags, h.Reason, h.Seq, h.A, decoder.Buffer.AsSpan(decoder.BodyOffset, decoder.BodyLength).ToArray()));
                }
            }
        }
    }

    /// <summary>A HELLO body with a fresh nonce (or the given one).</summary>
    public static byte[] Hello(byte[] hostId, byte[]? nonce = null)
    {
        var hello = new HelloRequest { MaxBody = LinkLimits.DesktopBody, Window = 8 };
        hostId.CopyTo(hello.HostId, 0);
        (nonce ?? RandomNumberGenerator.GetBytes(HelloRequest.NonceSize)).CopyTo(hello.HostNonce, 0);
        byte[] body = new byte[HelloRequest.Size];
        hello.Encode(body, 0);
        return body;
    }

    /// <summary>The host's proof for a HELLO and its HELLO_REPLY, under <paramref name="key"/>.</summary>
    public static byte[] HostProof(byte[] key, byte[] hello, byte[] helloReply)
    {
        byte[] mac = new byte[LinkAuth.MacSize];
        LinkAuth.HostProof(new BclHmac(key), hello, 0, helloReply, 0, new byte[LinkAuth.ScratchSize], mac, 0);
        return mac;
    }

    /// <summary>HELLO then AUTH with the right proof; returns the HELLO body, the AUTH body and the AUTH_REPLY.</summary>
    public (byte[] Hello, byte[] Auth, BoardFrame AuthReply) Handshake(byte[] key, byte[] hostId, uint attempt = 1)
    {
        byte[] hello = Hello(hostId);
        Send(FrameKind.Hello, attempt, 0, 0, hello);
        BoardFrame reply = Next(FrameKind.HelloReply);
        Xunit.Assert.False(reply.IsError, $"HELLO refused: reason {reply.Reason}");
        byte[] auth = HostProof(key, hello, reply.Body);
        Send(FrameKind.Auth, attempt, 0, 0, auth);
        return (hello, auth, Next(FrameKind.AuthReply));
    }

    public static int Errno(BoardFrame f) => f.IsError ? f.A : 0;

    /// <summary>The 60-byte _cred_info of a DECLARE for uid/gid.</summary>
    public static byte[] CredBody(int uid)
    {
        var cred = new Gateway.Protocol.Messages.CredInfo { Ruid = uid, Euid = uid, Suid = uid, Rgid = uid, Egid = uid, Sgid = uid };
        byte[] body = new byte[Gateway.Protocol.Messages.CredInfo.Size];
        cred.Encode(body, 0);
        return body;
    }

}
