using System;
using System.Collections.Generic;
using System.Diagnostics;
using Gateway.Host.Bench.Baseline;
using Gateway.Protocol.Link;
using Gateway.Protocol.Platform;
using Gateway.Protocol.Desktop.Platform;

namespace Gateway.Host.Bench;

/// <summary>
/// One frame encoded and decoded over and over by one codec: link version 1 (table CRC + COBS, the baseline kept
/// for this comparison) or version 2 with the table CRC or System.IO.Hashing. Shared by <c>gateway bench</c> and
/// the BenchmarkDotNet project so both measure the same thing.
/// </summary>
public sealed class FramePath
{
    public const string V1Cobs = "v1 cobs";
    public const string V2Table = "v2 table-crc";
    public const string V2System = "v2 system-crc";

    private readonly string codec;
    private readonly int body;
    private readonly byte[] frame;
    private readonly byte[] wire;
    private readonly int wireLength;
    private readonly ICrc32 crc;
    private readonly FrameDecoder decoder;
    private readonly CobsFrameDecoder cobsDecoder;

    public FramePath(string codec, int body, bool zeros)
    {
        this.codec = codec;
        this.body = body;
        frame = new byte[LinkLimits.FrameLength(body)];
        FrameHeader.Write(frame, 0, FrameKind.Reply, 0, RefusalReason.None, 42, body, 0);
        if (!zeros)
        {
            new Random(body).NextBytes(frame.AsSpan(FrameHeader.Size, body));
        }

        crc = codec == V2System ? SystemCrc32.Instance : TableCrc32.Instance;
        wire = new byte[Math.Max(CobsFrameEncoder.WireLength(body), LinkLimits.WireLength(body))];
        decoder = new FrameDecoder(body, crc);
        cobsDecoder = new CobsFrameDecoder(body);
        wireLength = Encode();
        if (Decode() != body)
        {
            throw new InvalidOperationException($"{codec}: a {body}-byte frame did not decode");
        }
    }

    /// <summary>Wire bytes of the frame.</summary>
    public int WireLength => wireLength;

    public int Encode() => codec == V1Cobs
        ? CobsFrameEncoder.Encode(frame, 0, body, wire, 0)
        : FrameEncoder.Encode(frame, 0, body, wire, 0, crc);

    public int Decode()
    {
        if (codec == V1Cobs)
        {
            cobsDecoder.Feed(wire, 0, wireLength);
            return cobsDecoder.Status == FrameDecodeStatus.Frame ? cobsDecoder.BodyLength : -1;
        }

        decoder.Feed(wire, 0, wireLength);
        return decoder.Status == FrameDecodeStatus.Frame ? decoder.BodyLength : -1;
    }

    /// <summary>Mean microseconds per encode and per decode over about <paramref name="budgetMs"/> of each.</summary>
    public (double EncodeUs, double DecodeUs) Time(int budgetMs)
    {
        return (Measure(() => Encode(), budgetMs), Measure(() => Decode(), budgetMs));
    }

    private static double Measure(Func<int> op, int budgetMs)
    {
        for (int i = 0; i < 50; i++)
        {
            op();
        }

        long ops = 0;
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < budgetMs)
        {
            for (int i = 0; i < 20; i++)
            {
                op();
            }

            ops += 20;
        }

        return sw.Elapsed.TotalMilliseconds * 1000.0 / ops;
    }
}
