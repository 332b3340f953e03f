using System;
using System.Collections.Generic;
using System.Linq;
using Gateway.Protocol.Link;
using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Tests.Link;

public sealed class FrameDecoderTests
{
    // REQUEST seq 7, pid 1, coid 3, body 16 01 10 00 (see FrameCodecTests).
    private static readonly byte[] GoldenRequest =
        Hex.Parse("a5 5a c3 3c 14 00 00 00 2d 79 fc 2c 02 06 00 00 07 00 00 00 01 00 00 00 03 00 00 00 16 01 10 00 ce 25 66 8e");

    [Fact]
    public void Decoder_FedByteByByte_DecodesGoldenFrame()
    {
        var d = new FrameDecoder(LinkLimits.MinBody);
        var statuses = new List<FrameDecodeStatus>();

        foreach (byte b in GoldenRequest)
        {
            Assert.Equal(1, d.Feed(new[] { b }, 0, 1));
            statuses.Add(d.Status);
        }

        Assert.All(statuses.Take(statuses.Count - 1), s => Assert.Equal(FrameDecodeStatus.NeedMore, s));
        Assert.Equal(FrameDecodeStatus.Frame, statuses[^1]);
        Assert.Equal((FrameKind.Request, 7u, 1, 3), (d.Header.Kind, d.Header.Seq, d.Header.A, d.Header.B));
        Assert.Equal(Hex.Parse("16 01 10 00"), d.Buffer.AsSpan(d.BodyOffset, d.BodyLength).ToArray());
    }

    [Fact]
    public void Decoder_TwoFramesInOneChunk_StopsAfterTheFirst()
    {
        var d = new FrameDecoder(LinkLimits.MinBody);
        byte[] two = GoldenRequest.Concat(Wire.Frame(FrameKind.Ping, 9)).ToArray();

        int first = d.Feed(two, 0, two.Length);
        uint firstSeq = d.Header.Seq;
        int second = d.Feed(two, first, two.Length - first);

        Assert.Equal(GoldenRequest.Length, first);
        Assert.Equal(7u, firstSeq);
        Assert.Equal(two.Length - first, second);
        Assert.Equal((FrameDecodeStatus.Frame, FrameKind.Ping, 9u), (d.Status, d.Header.Kind, d.Header.Seq));
    }

    [Fact]
    public void Decoder_RandomChunksWithGarbageBetweenFrames_DecodesEveryFrameAndSkipsEveryGarbageByte()
    {
        var random = new Random(20240601);
        var sent = new List<byte[]>();
        var wire = new List<byte>();
        int garbageBytes = 0;
        for (int i = 0; i < 300; i++)
        {
            byte[] body = new byte[random.Next(0, 600)];
            random.NextBytes(body);
            sent.Add(body);
            wire.AddRange(Wire.Frame(FrameKind.Request, (uint)i, 1, i, body));
            int garbage = random.Next(0, 40);
            for (int g = 0; g < garbage; g++)
            {
                // Noise on the line, marker bytes included (a5 one time in three, then maybe 5a c3).
                int pick = random.Next(0, 6);
                wire.Add(pick == 0 ? FramePreamble.Marker0 : pick == 1 ? FramePreamble.Marker1 : pick == 2 ? FramePreamble.Marker2 : (byte)random.Next(0, 256));
            }

            garbageBytes += garbage;
        }

        byte[] all = wire.ToArray();
        var d = new FrameDecoder(LinkLimits.MinBody);
        var got = new List<(uint Seq, byte[] Body)>();
        int offset = 0;
        while (offset < all.Length)
        {
            int chunk = Math.Min(random.Next(1, 97), all.Length - offset);
            int end = offset + chunk;
            while (true)
            {
                offset += d.Feed(all, offset, end - offset);
                if (d.Status == FrameDecodeStatus.NeedMore)
                {
                    break;
                }

                if (d.Status == FrameDecodeStatus.Frame)
                {
                    got.Add((d.Header.Seq, d.Buffer.AsSpan(d.BodyOffset, d.BodyLength).ToArray()));
                }
            }
        }

        Assert.Equal(sent.Count, got.Count);
        for (int i = 0; i < sent.Count; i++)
        {
            Assert.Equal((uint)i, got[i].Seq);
            Assert.Equal(sent[i], got[i].Body);
        }

        Assert.Equal(0, d.DroppedTotal);
        Assert.False(d.Expire()); // the last run's marker-like tail is held until the line goes idle
        Assert.Equal(garbageBytes, d.SkippedBytes);
    }

    [Theory]
    [InlineData(10)] // inside the preamble CRC: the preamble fails
    [InlineData(5)] // inside the length: the preamble fails
    [InlineData(20)] // inside the header: the frame takes one byte of the next and fails its CRC
    [InlineData(30)] // inside the body: likewise
    public void Decoder_LostByte_DropsThatFrameAndResynchronisesOnTheNextMarker(int lost)
    {
        byte[] damaged = GoldenRequest.Where((_, i) => i != lost).ToArray();
        byte[] wire = damaged.Concat(Wire.Frame(FrameKind.Ping, 2)).ToArray();
        var d = new FrameDecoder(LinkLimits.MinBody);

        List<TestFrame> frames = Wire.DecodeAll(d, wire);

        Assert.Single(frames);
        Assert.Equal(FrameKind.Ping, frames[0].Kind);
        Assert.Equal(1, d.DroppedTotal);
    }

    [Fact]
    public void Decoder_OversizeFrame_IsDroppedAndTheNextFrameDecodes()
    {
        var d = new FrameDecoder(LinkLimits.DesktopBody) { MaxBody = LinkLimits.MinBody };
        byte[] big = Wire.Frame(FrameKind.Request, 1, 1, 3, new byte[LinkLimits.MinBody + 1]);
        byte[] fits = Wire.Frame(FrameKind.Request, 2, 1, 3, new byte[LinkLimits.MinBody]);

        List<TestFrame> frames = Wire.DecodeAll(d, big.Concat(fits).ToArray());

        Assert.Single(frames);
        Assert.Equal(2u, frames[0].Seq);
        Assert.Equal(LinkLimits.MinBody, frames[0].Body.Length);
        Assert.Equal(1, d.Dropped(FrameDropReason.Oversize));
    }

    [Fact]
    public void Decoder_NoiseThenAHugePreamble_RefusesBeforeBufferingAnything()
    {
        var d = new FrameDecoder(LinkLimits.MinBody);
        byte[] noise = Enumerable.Repeat((byte)0x42, 100_000).ToArray();
        byte[] preamble = new byte[FramePreamble.Size];
        FramePreamble.Write(preamble, 0, int.MaxValue, TableCrc32.Instance);

        int consumed = d.Feed(noise, 0, noise.Length);
        int after = d.Feed(preamble, 0, preamble.Length);

        Assert.Equal((noise.Length, FrameDecodeStatus.NeedMore), (consumed, FrameDecodeStatus.NeedMore));
        Assert.Equal(preamble.Length, after);
        Assert.Equal((FrameDecodeStatus.Dropped, FrameDropReason.Oversize), (d.Status, d.DropReason));
        Assert.Equal(noise.Length, d.SkippedBytes);
        Assert.Equal(LinkLimits.WireLength(LinkLimits.MinBody), d.Buffer.Length);
    }

    private static byte[] Preamble(uint length, bool damaged = false)
    {
        byte[] p = new byte[FramePreamble.Size];
        FramePreamble.Write(p, 0, (int)length, TableCrc32.Instance);
        if (damaged)
        {
            p[FramePreamble.OffCrc] ^= 0x01;
        }

        return p;
    }

    public static TheoryData<string, byte[], FrameDropReason> DropCases() => new()
    {
        // Header: a marker and a length whose preamble CRC does not match.
        { "header", Preamble(20, damaged: true), FrameDropReason.Header },
        // CRC: the golden request with one body byte changed (10 → 11).
        { "crc", Hex.Parse("a5 5a c3 3c 14 00 00 00 2d 79 fc 2c 02 06 00 00 07 00 00 00 01 00 00 00 03 00 00 00 16 01 11 00 ce 25 66 8e"), FrameDropReason.Crc },
        // Short: a checked preamble announcing 8 bytes, less than a header.
        { "short", Preamble(8), FrameDropReason.Short },
        // Bad version: PING in version 1, valid CRCs.
        { "bad-version", Wire.Frame(FrameKind.Ping, 1, version: 1), FrameDropReason.BadVersion },
        // Oversize: a preamble announcing a 6000-byte body against a 4352-byte maximum.
        { "oversize", Preamble(16 + 6000), FrameDropReason.Oversize },
    };

    [Theory]
    [MemberData(nameof(DropCases))]
    public void Decoder_MalformedFrame_IsDroppedAndCountedByReason(string name, byte[] wire, FrameDropReason reason)
    {
        var d = new FrameDecoder(LinkLimits.MinBody);
        var outcomes = new List<(FrameDecodeStatus, FrameDropReason)>();

        int offset = 0;
        while (true)
        {
            offset += d.Feed(wire, offset, wire.Length - offset);
            if (d.Status == FrameDecodeStatus.NeedMore)
            {
                break;
            }

            outcomes.Add((d.Status, d.DropReason));
        }

        Assert.Equal((FrameDecodeStatus.Dropped, reason), Assert.Single(outcomes));
        Assert.True(d.Dropped(reason) == 1, name);
        Assert.Equal(1, d.DroppedTotal);
        Assert.Equal(0, d.FramesDecoded);
        Assert.Equal(FrameDropReasons.Name(reason), name);
    }

    [Fact]
    public void Decoder_BadVersionDrop_ExposesTheHeader()
    {
        var d = new FrameDecoder(LinkLimits.MinBody);
        byte[] wire = Wire.Frame(FrameKind.Hello, 3, version: 7);

        d.Feed(wire, 0, wire.Length);

        Assert.Equal((FrameDropReason.BadVersion, 7, FrameKind.Hello, 3u), (d.DropReason, d.Header.Version, d.Header.Kind, d.Header.Seq));
    }

    [Fact]
    public void Decoder_IdleFill_IsSkippedNotDropped()
    {
        var d = new FrameDecoder(LinkLimits.MinBody);
        byte[] wire = new byte[] { 0, 0, 0, 0xFF }.Concat(GoldenRequest).Concat(new byte[] { 0, 0xFF }).ToArray();

        List<TestFrame> frames = Wire.DecodeAll(d, wire);

        Assert.Single(frames);
        Assert.Equal(0, d.DroppedTotal);
        Assert.Equal(6, d.SkippedBytes);
    }

    [Fact]
    public void Decoder_BodyCarryingAWholeFrame_IsOneFrameNotTwo()
    {
        // A body that holds a complete wire frame (a captured link trace in a /data file): a frame that checks is
        // never searched, so the inner frame stays body data, whole or byte by byte.
        byte[] inner = Wire.Frame(FrameKind.Ping, 99);
        byte[] body = new byte[] { 1, 2 }.Concat(inner).Concat(inner).Concat(new byte[] { 3 }).ToArray();
        byte[] wire = Wire.Frame(FrameKind.Reply, 5, body.Length, 0, body);

        foreach (int chunk in new[] { wire.Length, 1, 3, 13 })
        {
            var d = new FrameDecoder(LinkLimits.MinBody);
            List<TestFrame> frames = DecodeInChunks(d, wire, chunk);

            TestFrame f = Assert.Single(frames);
            Assert.Equal((FrameKind.Reply, 5u), (f.Kind, f.Seq));
            Assert.Equal(body, f.Body);
            Assert.Equal(0, d.DroppedTotal);
        }
    }

    [Fact]
    public void Decoder_ForgedPreambleThatWouldSwallowTheNextFrames_IsRefusedByItsCrc()
    {
        // A marker and a length that would swallow the next 4 KiB, with a CRC that does not match it (one that
        // matches another length): the preamble is dropped, the frames after it decode.
        byte[] forged = Preamble(4000);
        byte[] other = Preamble(20);
        Array.Copy(other, FramePreamble.OffCrc, forged, FramePreamble.OffCrc, 4);
        byte[] wire = forged.Concat(GoldenRequest).Concat(Wire.Frame(FrameKind.Ping, 2)).ToArray();
        var d = new FrameDecoder(LinkLimits.MinBody);

        List<TestFrame> frames = Wire.DecodeAll(d, wire);

        Assert.Equal(new[] { FrameKind.Request, FrameKind.Ping }, frames.Select(f => f.Kind).ToArray());
        Assert.Equal(1, d.Dropped(FrameDropReason.Header));
    }

    [Fact]
    public void Decoder_TruncatedFrameFollowedByAGoodOne_DropsTheCutFrameAndDecodesTheGoodOne()
    {
        byte[] cut = GoldenRequest.Take(20).ToArray();
        byte[] wire = cut.Concat(Wire.Frame(FrameKind.Ping, 2)).Concat(Wire.Frame(FrameKind.Ping, 3)).ToArray();

        foreach (int chunk in new[] { wire.Length, 1, 7 })
        {
            var d = new FrameDecoder(LinkLimits.MinBody);
            List<TestFrame> frames = DecodeInChunks(d, wire, chunk);

            Assert.Equal(new[] { 2u, 3u }, frames.Select(f => f.Seq).ToArray());
            Assert.Equal(1, d.Dropped(FrameDropReason.Crc));
        }
    }

    [Fact]
    public void Decoder_TruncatedLongFrameThenSilence_ExpireDropsItAndFindsTheFrameItSwallowed()
    {
        // The cut frame announced 1000 bytes; the HELLO after it is swallowed until the line goes idle.
        byte[] frame = new byte[LinkLimits.FrameLength(1000)];
        FrameHeader.Write(frame, 0, FrameKind.Request, 0, 0, 1, 1, 3);
        byte[] full = new byte[LinkLimits.WireLength(1000)];
        FrameEncoder.Encode(frame, 0, 1000, full, 0);
        byte[] hello = Wire.Frame(FrameKind.Hello, 1, body: new byte[HelloRequest.Size]);
        byte[] wire = full.Take(100).Concat(hello).ToArray();
        var d = new FrameDecoder(LinkLimits.MinBody);

        List<TestFrame> before = Wire.DecodeAll(d, wire);
        bool expired = d.Expire();
        FrameDropReason reason = d.DropReason;
        List<TestFrame> after = Wire.DecodeAll(d, Array.Empty<byte>());

        Assert.Empty(before);
        Assert.True(d.InFrame == false && expired);
        Assert.Equal(FrameDropReason.Truncated, reason);
        Assert.Equal(FrameKind.Hello, Assert.Single(after).Kind);
        Assert.False(d.Expire());
    }

    [Fact]
    public void Decoder_MarkerSplitAtEveryPoint_DecodesTheFrame()
    {
        byte[] wire = new byte[] { 0xA5, 0x5A, 0x00 }.Concat(GoldenRequest).ToArray();
        for (int split = 0; split <= wire.Length; split++)
        {
            var d = new FrameDecoder(LinkLimits.MinBody);
            var frames = Wire.DecodeAll(d, wire.Take(split).ToArray());
            frames.AddRange(Wire.DecodeAll(d, wire.Skip(split).ToArray()));

            Assert.Equal(FrameKind.Request, Assert.Single(frames).Kind);
            Assert.Equal(0, d.DroppedTotal);
        }
    }

    [Fact]
    public void Decoder_FragmentsOfMarkersAndPreambles_GiveTheSameOutcomesInAnyChunking()
    {
        var random = new Random(7);
        for (int round = 0; round < 200; round++)
        {
            var wire = new List<byte>();
            for (int k = 0; k < 6; k++)
            {
                byte[] f = Wire.Frame(FrameKind.Request, (uint)k, 1, 3, Enumerable.Repeat((byte)FramePreamble.Marker0, random.Next(0, 40)).ToArray());
                switch (random.Next(0, 4))
                {
                    case 0: wire.AddRange(f.Take(random.Next(1, f.Length))); break; // cut
                    case 1: wire.AddRange(f.Take(random.Next(1, 5))); wire.AddRange(f); break; // a marker fragment, then the frame
                    default: wire.AddRange(f); break;
                }
            }

            byte[] all = wire.ToArray();
            var whole = Outcomes(new FrameDecoder(LinkLimits.MinBody), all, all.Length);
            var bytewise = Outcomes(new FrameDecoder(LinkLimits.MinBody), all, 1);
            var chunked = Outcomes(new FrameDecoder(LinkLimits.MinBody), all, random.Next(2, 50));

            Assert.Equal(whole, bytewise);
            Assert.Equal(whole, chunked);
        }
    }

    [Fact]
    public void Decoder_SteadyState_AllocatesNothing()
    {
        var d = new FrameDecoder(LinkLimits.MinBody);
        byte[] frame = new byte[LinkLimits.FrameLength(1000)];
        byte[] wire = new byte[LinkLimits.WireLength(1000)];
        FrameHeader.Write(frame, 0, FrameKind.Request, 0, 0, 1, 1, 3);
        int n = FrameEncoder.Encode(frame, 0, 1000, wire, 0);
        d.Feed(wire, 0, n);

        int rounds = 0;
        long allocated = ThreadAllocations.Least(() =>
        {
            rounds++;
            for (int i = 0; i < 100; i++)
            {
                n = FrameEncoder.Encode(frame, 0, 1000, wire, 0);
                for (int offset = 0; offset < n;)
                {
                    offset += d.Feed(wire, offset, Math.Min(7, n - offset));
                }
            }
        });

        Assert.Equal(1 + (100 * rounds), d.FramesDecoded);
        Assert.Equal(0, allocated);
    }

    private static List<TestFrame> DecodeInChunks(FrameDecoder d, byte[] wire, int chunk)
    {
        var frames = new List<TestFrame>();
        for (int o = 0; o < wire.Length; o += chunk)
        {
            frames.AddRange(Wire.DecodeAll(d, wire.AsSpan(o, Math.Min(chunk, wire.Length - o)).ToArray()));
        }

        return frames;
    }

    private static List<string> Outcomes(FrameDecoder d, byte[] wire, int chunk)
    {
        var outcomes = new List<string>();
        for (int o = 0; o < wire.Length; o += chunk)
        {
            int end = Math.Min(o + chunk, wire.Length);
            int at = o;
            while (true)
            {
                at += d.Feed(wire, at, end - at);
                if (d.Status == FrameDecodeStatus.NeedMore)
                {
                    break;
                }

                outcomes.Add(d.Status == FrameDecodeStatus.Frame ? $"frame {d.Header.Seq}" : $"drop {d.DropReason}");
            }
        }

        if (d.Expire())
        {
            outcomes.Add($"drop {d.DropReason}");
        }

        return outcomes;
    }
}
