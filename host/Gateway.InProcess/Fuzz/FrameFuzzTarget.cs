using System;
using System.Collections.Generic;
using Gateway.Protocol.Link;

namespace Gateway.InProcess.Fuzz;

/// <summary>
/// The board's <see cref="FrameDecoder"/> over mutated wire streams (one to four frames: request frames carrying
/// the message corpus, and the other kinds). Oracles per input: <c>Feed</c> never throws and consumes between 0
/// and <c>count</c> bytes; the same stream fed whole and fed in random chunks (one byte included) gives the same
/// outcomes (frames with the same header and body, drops with the same reason); no frame's body passes the
/// negotiated maximum and the buffer never grows (memory bounded by construction: the decoder allocates nothing,
/// checked per input with <see cref="GC.GetAllocatedBytesForCurrentThread"/>); an unmutated stream yields its frames.
/// </summary>
public sealed class FrameFuzzTarget
{
    public const int CapacityBody = LinkLimits.DesktopBody;

    private readonly FrameDecoder whole = new(CapacityBody);
    private readonly FrameDecoder chunked = new(CapacityBody);
    private readonly long[] outcomesWhole = new long[64];
    private readonly long[] outcomesChunked = new long[64];
    private readonly int bufferLength;
    private readonly Random rng;

    public FrameFuzzTarget(IReadOnlyList<FuzzMessage> messages, int seed)
    {
        rng = new Random(seed ^ 0xF4A3E);
        bufferLength = whole.Buffer.Length;
        var frames = new List<FuzzMessage>();
        byte[] frame = new byte[LinkLimits.FrameLength(CapacityBody)];
        byte[] wire = new byte[LinkLimits.WireLength(CapacityBody)];
        uint seq = 1;
        for (int i = 0; i < messages.Count; i += 3)
        {
            var m = messages[i];
            frames.Add(Frame($"request {m.Name}", FrameKind.Request, seq++, m.Pid, m.Coid, m.Bytes, frame, wire));
        }

        var page = new byte[LinkLimits.PageSize];
        new Random(seed).NextBytes(page);
        frames.Add(Frame("reply page", FrameKind.Reply, seq++, LinkLimits.PageSize, 0, page, frame, wire));
        frames.Add(Frame("reply zero page", FrameKind.Reply, seq++, LinkLimits.PageSize, 0, new byte[LinkLimits.PageSize], frame, wire));
        frames.Add(Frame("past the minimum body", FrameKind.Request, seq++, 1, 3, new byte[LinkLimits.MinBody + 100], frame, wire));
        for (int kind = (int)FrameKind.Hello; kind <= (int)FrameKind.Close + 1; kind++)
        {
            frames.Add(Frame($"kind {kind}", (FrameKind)kind, seq++, 0, 0, new byte[kind * 5], frame, wire));
        }

        Frames = frames;
    }

    /// <summary>Wire frames (preamble + frame), as corpus entries for the mutator.</summary>
    public IReadOnlyList<FuzzMessage> Frames { get; }

    /// <summary>Builds a stream of one to four frames into <paramref name="buffer"/>; returns its length.</summary>
    public int Seed(byte[] buffer, out byte[] first)
    {
        int n = 0;
        int count = 1 + rng.Next(4);
        first = Frames[rng.Next(Frames.Count)].Bytes;
        for (int i = 0; i < count; i++)
        {
            byte[] f = i == 0 ? first : Frames[rng.Next(Frames.Count)].Bytes;
            if (n + f.Length > buffer.Length)
            {
                break;
            }

            Array.Copy(f, 0, buffer, n, f.Length);
            n += f.Length;
        }

        return n;
    }

    /// <summary>Feeds <paramref name="count"/> bytes both ways; null when every oracle holds.</summary>
    public string? Run(byte[] stream, int count, bool unmutated)
    {
        int maxBody = rng.Next(3) == 0 ? LinkLimits.MinBody : CapacityBody;
        whole.MaxBody = maxBody;
        chunked.MaxBody = maxBody;
        whole.Reset();
        chunked.Reset();

        long before = GC.GetAllocatedBytesForCurrentThread();
        int nWhole = 0, nChunked = 0;
        try
        {
            string? e = FeedWhole(stream, count, ref nWhole) ?? FeedChunked(stream, count, ref nChunked);
            if (e != null)
            {
                return e;
            }
        }
        catch (Exception ex)
        {
            return $"FrameDecoder threw {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}";
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (allocated != 0)
        {
            // The runtime may allocate on this thread while it compiles a hot loop (tiering, on-stack replacement):
            // feed the same input again, and report only an allocation that repeats.
            whole.Reset();
            chunked.Reset();
            nWhole = 0;
            nChunked = 0;
            before = GC.GetAllocatedBytesForCurrentThread();
            FeedWhole(stream, count, ref nWhole);
            FeedChunked(stream, count, ref nChunked);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated != 0)
            {
                return $"FrameDecoder allocated {allocated} bytes";
            }
        }

        if (whole.Buffer.Length != bufferLength || chunked.Buffer.Length != bufferLength)
        {
            return "the frame buffer changed size";
        }

        if (nWhole != nChunked)
        {
            return $"{nWhole} outcomes fed whole, {nChunked} fed in chunks";
        }

        for (int i = 0; i < Math.Min(nWhole, outcomesWhole.Length); i++)
        {
            if (outcomesWhole[i] != outcomesChunked[i])
            {
                return $"outcome {i} differs: whole {outcomesWhole[i]:x}, chunked {outcomesChunked[i]:x}";
            }
        }

        if (unmutated && maxBody == CapacityBody && (nWhole == 0 || (outcomesWhole[0] & 3) != (long)FrameDecodeStatus.Frame))
        {
            return "an unmutated frame was not decoded";
        }

        return null;
    }

    private string? FeedWhole(byte[] s, int count, ref int n)
    {
        int offset = 0;
        while (true)
        {
            int used = whole.Feed(s, offset, count - offset);
            if (used < 0 || used > count - offset)
            {
                return $"Feed consumed {used} of {count - offset}";
            }

            offset += used;
            if (whole.Status == FrameDecodeStatus.NeedMore)
            {
                return offset == count ? Expire(whole, outcomesWhole, ref n) : $"NeedMore with {count - offset} bytes unread";
            }

            string? e = Outcome(whole, outcomesWhole, ref n);
            if (e != null)
            {
                return e;
            }
        }
    }

    private string? FeedChunked(byte[] s, int count, ref int n)
    {
        int offset = 0;
        int mode = rng.Next(3);
        while (offset < count)
        {
            int chunk = Math.Min(mode == 0 ? 1 : mode == 1 ? 1 + rng.Next(16) : 1 + rng.Next(4096), count - offset);
            int end = offset + chunk;
            while (true)
            {
                // 0 bytes used is legal: an outcome from bytes held since an earlier call.
                int used = chunked.Feed(s, offset, end - offset);
                if (used < 0 || used > end - offset)
                {
                    return $"Feed consumed {used} of {end - offset}";
                }

                offset += used;
                if (chunked.Status == FrameDecodeStatus.NeedMore)
                {
                    if (offset != end)
                    {
                        return $"NeedMore with {end - offset} bytes unread";
                    }

                    break;
                }

                string? e = Outcome(chunked, outcomesChunked, ref n);
                if (e != null)
                {
                    return e;
                }
            }
        }

        return Expire(chunked, outcomesChunked, ref n);
    }

    /// <summary>The line goes idle after the input: a cut frame is dropped and what it held is searched.</summary>
    private static string? Expire(FrameDecoder d, long[] outcomes, ref int n)
    {
        // Each Expire drops at least one marker byte, so this ends; the guard only bounds a broken decoder.
        for (int guard = 0; guard < 100_000; guard++)
        {
            if (!d.Expire())
            {
                return null;
            }

            while (true)
            {
                string? e = Outcome(d, outcomes, ref n);
                if (e != null)
                {
                    return e;
                }

                d.Feed(Array.Empty<byte>(), 0, 0);
                if (d.Status == FrameDecodeStatus.NeedMore)
                {
                    break;
                }
            }
        }

        return "the decoder kept reporting outcomes from held bytes";
    }

    /// <summary>Records a frame or drop as a number (status, reason, header, body length and a body checksum).</summary>
    private static string? Outcome(FrameDecoder d, long[] outcomes, ref int n)
    {
        if (d.Status == FrameDecodeStatus.NeedMore)
        {
            return null;
        }

        long v = (long)d.Status | ((long)d.DropReason << 2);
        if (d.Status == FrameDecodeStatus.Frame)
        {
            if (d.BodyLength < 0 || d.BodyLength > d.MaxBody)
            {
                return $"a frame with a {d.BodyLength}-byte body passed the {d.MaxBody}-byte limit";
            }

            uint crc = Crc32.Compute(d.Buffer, d.BodyOffset, d.BodyLength);
            var h = d.Header;
            long hash = d.BodyLength ^ ((long)crc << 16) ^ ((long)h.Kind << 48) ^ ((long)h.Seq * 31) ^ ((long)h.A * 131) ^ ((long)h.B * 137);
            v |= hash << 8; // status and reason stay in the low byte
        }

        if (n < outcomes.Length)
        {
            outcomes[n] = v;
        }

        n++;
        return null;
    }

    private static FuzzMessage Frame(string name, FrameKind kind, uint seq, int a, int b, byte[] body, byte[] frame, byte[] wire)
    {
        int length = Math.Min(body.Length, CapacityBody);
        FrameHeader.Write(frame, 0, kind, 0, RefusalReason.None, seq, a, b);
        Array.Copy(body, 0, frame, FrameHeader.Size, length);
        int n = FrameEncoder.Encode(frame, 0, length, wire, 0);
        return new FuzzMessage(name, wire[..n], 0, a, b);
    }
}
