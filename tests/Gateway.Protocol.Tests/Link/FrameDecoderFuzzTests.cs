using System;
using System.Collections.Generic;
using System.Linq;
using Gateway.Protocol.Link;

namespace Gateway.Protocol.Tests.Link;

/// <summary>
/// A bounded, seeded mutation fuzz of the board's frame decoder: valid frame streams are damaged (bit flips, byte
/// insertions and deletions, spliced zeros, repeated and truncated runs) and fed in random chunk sizes. The decoder
/// must never throw, never report more outcomes than marker bytes, never hand out a body past its limit, and only
/// ever hand out frames that were really sent.
/// </summary>
public sealed class FrameDecoderFuzzTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Decoder_MutatedStreams_OnlyYieldFramesThatWereSent(int seed)
    {
        var random = new Random(seed * 7919);
        var originals = new HashSet<string>();
        int accepted = 0;
        int outcomes = 0;
        int markers = 0;

        for (int iteration = 0; iteration < 400; iteration++)
        {
            var stream = new List<byte>();
            int frames = random.Next(1, 6);
            for (int f = 0; f < frames; f++)
            {
                byte[] body = new byte[random.Next(0, 300)];
                random.NextBytes(body);
                int kind = random.Next(1, 12);
                uint seq = (uint)random.Next();
                byte[] wire = Wire.Frame((FrameKind)kind, seq, random.Next(), random.Next(), body);
                originals.Add($"{kind}/{seq}/{Hex.Format(body)}");
                stream.AddRange(wire);
            }

            Mutate(random, stream);
            byte[] input = stream.ToArray();
            markers += input.Count(b => b == FramePreamble.Marker0);

            var d = new FrameDecoder(512) { MaxBody = random.Next(0, 513) };
            int offset = 0;
            while (offset < input.Length)
            {
                int chunk = Math.Min(random.Next(1, 64), input.Length - offset);
                int end = offset + chunk;
                while (true)
                {
                    // 0 bytes used is legal when the outcome comes from bytes held since an earlier call.
                    int used = d.Feed(input, offset, end - offset);
                    Assert.InRange(used, 0, end - offset);
                    offset += used;
                    if (d.Status == FrameDecodeStatus.NeedMore)
                    {
                        Assert.Equal(end, offset);
                        break;
                    }

                    outcomes++;

                    if (d.Status == FrameDecodeStatus.Frame)
                    {
                        Assert.InRange(d.BodyLength, 0, d.MaxBody);
                        byte[] body = d.Buffer.AsSpan(d.BodyOffset, d.BodyLength).ToArray();
                        Assert.Contains($"{(int)d.Header.Kind}/{d.Header.Seq}/{Hex.Format(body)}", originals);
                        accepted++;
                    }
                }
            }
        }

        // Every outcome starts at its own marker byte: no byte is judged twice as the start of a frame.
        Assert.True(outcomes <= markers);
        Assert.True(accepted > 0, "the fuzz run let no frame through at all: the mutations are too heavy to be useful");
    }

    private static void Mutate(Random random, List<byte> s)
    {
        int mutations = random.Next(0, 4);
        for (int m = 0; m < mutations && s.Count > 0; m++)
        {
            int at = random.Next(s.Count);
            switch (random.Next(6))
            {
                case 0:
                    s[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    s.Insert(at, (byte)random.Next(256));
                    break;
                case 2:
                    s.RemoveAt(at);
                    break;
                case 3:
                    s.Insert(at, 0);
                    break;
                case 4:
                    int len = Math.Min(random.Next(1, 40), s.Count - at);
                    s.InsertRange(at, s.GetRange(at, len));
                    break;
                default:
                    s.RemoveRange(at, Math.Min(random.Next(1, 40), s.Count - at));
                    break;
            }
        }
    }
}
