using System;
using System.Collections.Generic;
using System.Linq;
using Gateway.Protocol.Link;

namespace Gateway.Protocol.Tests.Link;

public sealed class FrameDecoderTests
{
    // REQUEST seq 7, pid 1, coid 3, body 16 01 10 00 (see FrameCodecTests).
    private static readonly byte[] GoldenRequest =
        Hex.Parse("03 01 06 01 02 07 01 01 02 01 01 01 02 03 01 01 04 16 01 10 05 04 68 cf 21 00");

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
    public void Decoder_RandomChunksWithGarbageBetweenFrames_DecodesEveryFrameAndCountsEachGarbageRun()
    {
        var random = new Random(20240601);
        var sent = new List<byte[]>();
        var wire = new List<byte>();
        int garbageRuns = 0;
        for (int i = 0; i < 300; i++)
        {
            byte[] body = new byte[random.Next(0, 600)];
            random.NextBytes(body);
            sent.Add(body);
            wire.AddRange(Wire.Frame(FrameKind.Request, (uint)i, 1, i, body));
            int garbage = random.Next(0, 40);
            if (garbage > 0)
            {
                // Noise on the line (no 0x00 inside), then a delimiter: the decoder must resynchronise there.
                for (int g = 0; g < garbage; g++)
                {
                    wire.Add((byte)random.Next(1, 256));
                }

                wire.Add(0);
                garbageRuns++;
            }
        }

        byte[] all = wire.ToArray();
        var d = new FrameDecoder(LinkLimits.MinBody);
        var got = new List<(uint Seq, byte[] Body)>();
        int offset = 0;
        while (offset < all.Length)
        {
            int chunk = Math.Min(random.Next(1, 97), all.Length - offset);
            int end = offset + chunk;
            while (offset < end)
            {
                offset += d.Feed(all, offset, end - offset);
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

        Assert.Equal(garbageRuns, d.DroppedTotal);
    }

    [Fact]
    public void Decoder_LostByte_DropsThatFrameAndResynchronisesAtTheNextDelimiter()
    {
        byte[] damaged = GoldenRequest.Where((_, i) => i != 10).ToArray();
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
    public void Decoder_EndlessFrameWithoutDelimiter_NeverBuffersPastTheLimit()
    {
        var d = new FrameDecoder(LinkLimits.MinBody);
        byte[] noise = Enumerable.Repeat((byte)0x42, 100_000).ToArray();

        int consumed = d.Feed(noise, 0, noise.Length);
        int after = d.Feed(new byte[] { 0 }, 0, 1);

        Assert.Equal(noise.Length, consumed);
        Assert.Equal(1, after);
        Assert.Equal((FrameDecodeStatus.Dropped, FrameDropReason.Oversize), (d.Status, d.DropReason));
        Assert.Equal(LinkLimits.FrameLength(LinkLimits.MinBody), d.Buffer.Length);
    }

    public static TheoryData<string, byte[], FrameDropReason> DropCases() => new()
    {
        // COBS: the code byte 03 promises two more bytes but the delimiter comes after one.
        { "cobs", Hex.Parse("03 11 00"), FrameDropReason.Cobs },
        // CRC: the golden request with one body byte changed (10 → 11).
        { "crc", Hex.Parse("03 01 06 01 02 07 01 01 02 01 01 01 02 03 01 01 04 16 01 11 05 04 68 cf 21 00"), FrameDropReason.Crc },
        // Short: 5 bytes decoded, less than header + CRC.
        { "short", Hex.Parse("06 01 02 03 04 05 00"), FrameDropReason.Short },
        // Bad version: PING in version 2, valid CRC.
        { "bad-version", Wire.Frame(FrameKind.Ping, 1, version: 2), FrameDropReason.BadVersion },
        // Oversize: 6000 bytes of 0x42 against a 4352-byte maximum body (4372 decoded bytes at most).
        { "oversize", Enumerable.Repeat((byte)0x42, 6000).Concat(new byte[] { 0 }).ToArray(), FrameDropReason.Oversize },
    };

    [Theory]
    [MemberData(nameof(DropCases))]
    public void Decoder_MalformedFrame_IsDroppedAndCountedByReason(string name, byte[] wire, FrameDropReason reason)
    {
        var d = new FrameDecoder(LinkLimits.MinBody);
        var outcomes = new List<(FrameDecodeStatus, FrameDropReason)>();

        int offset = 0;
        while (offset < wire.Length)
        {
            offset += d.Feed(wire, offset, wire.Length - offset);
            outcomes.Add((d.Status, d.DropReason));
        }

        Assert.Equal((FrameDecodeStatus.Dropped, reason), outcomes[^1]);
        Assert.True(d.Dropped(reason) == 1, name);
        Assert.Equal(1, d.DroppedTotal);
        Assert.Equal(0, d.FramesDecoded);
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
    public void Decoder_RepeatedDelimiters_AreIdleFillNotDrops()
    {
        var d = new FrameDecoder(LinkLimits.MinBody);
        byte[] wire = new byte[] { 0, 0, 0 }.Concat(GoldenRequest).Concat(new byte[] { 0, 0 }).ToArray();

        List<TestFrame> frames = Wire.DecodeAll(d, wire);

        Assert.Single(frames);
        Assert.Equal(0, d.DroppedTotal);
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

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            n = FrameEncoder.Encode(frame, 0, 1000, wire, 0);
            for (int offset = 0; offset < n;)
            {
                offset += d.Feed(wire, offset, Math.Min(7, n - offset));
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(101, d.FramesDecoded);
        Assert.Equal(0, allocated);
    }
}
