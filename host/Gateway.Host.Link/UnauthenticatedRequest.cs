using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Protocol.Desktop.Platform;
using Gateway.Protocol.Link;

namespace Gateway.Host.Link;

/// <summary>
/// A request sent on a stream that never authenticated — no HELLO, no AUTH — as a peer without the key would. The
/// board must refuse it "not authenticated" (EPERM) and never execute it (link.md). The harness uses it
/// to prove that; nothing else should.
/// </summary>
public static class UnauthenticatedRequest
{
    /// <summary>Sends <paramref name="message"/> from (<paramref name="pid"/>, <paramref name="coid"/>) and returns the board's answer, or null when none came in <paramref name="timeout"/>.</summary>
    public static async Task<BoardReply?> SendAsync(Stream stream, int pid, int coid, ReadOnlyMemory<byte> message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        const uint Seq = 1;
        byte[] frame = new byte[LinkLimits.FrameLength(message.Length)];
        FrameHeader.Write(frame, 0, FrameKind.Request, 0, RefusalReason.None, Seq, pid, coid);
        message.Span.CopyTo(frame.AsSpan(FrameHeader.Size));
        byte[] wire = new byte[LinkLimits.WireLength(message.Length)];
        int n = FrameEncoder.Encode(frame, 0, message.Length, wire, 0, SystemCrc32.Instance);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        await stream.WriteAsync(wire.AsMemory(0, n), deadline.Token).ConfigureAwait(false);
        await stream.FlushAsync(deadline.Token).ConfigureAwait(false);

        var decoder = new FrameDecoder(LinkLimits.DesktopBody, SystemCrc32.Instance);
        byte[] buffer = new byte[4096];
        try
        {
            while (true)
            {
                int got = await stream.ReadAsync(buffer, deadline.Token).ConfigureAwait(false);
                if (got == 0)
                {
                    return null;
                }

                int offset = 0;
                while (true)
                {
                    offset += decoder.Feed(buffer, offset, got - offset);
                    if (decoder.Status == FrameDecodeStatus.NeedMore)
                    {
                        break;
                    }

                    FrameHeader h = decoder.Header;
                    if (decoder.Status == FrameDecodeStatus.Frame && h.Kind == FrameKind.Reply && h.Seq == Seq)
                    {
                        byte[] body = decoder.Buffer.AsSpan(decoder.BodyOffset, decoder.BodyLength).ToArray();
                        return new BoardReply(h.IsError, h.A, h.IsError ? Array.Empty<byte>() : body) { Seq = h.Seq, Reason = h.Reason };
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
