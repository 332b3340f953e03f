using System;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Tests.Qnx;

/// <summary>Seeded random and mutated inputs over every decoder: whatever the bytes, a typed result and no exception.</summary>
public sealed class RandomInputTests
{
    private const int Iterations = 3000;

    private static void AssertNoThrow(Func<byte[], int, int, DecodeError> decode, byte[] b, int o, int n, string what)
    {
        DecodeError result = DecodeError.None;
        Exception? e = Record.Exception(() => result = decode(b, o, n));
        Assert.True(e == null, $"{what}: {e?.GetType().Name} {e?.Message} on {Convert.ToHexStringLower(b)} offset {o} count {n}");
        Assert.True(Enum.IsDefined(result), $"{what}: undefined result {(int)result}");
    }

    [Fact]
    public void EveryDecoder_RandomBytes_NeverThrows()
    {
        var rng = new Random(0x5EED);
        int index = 0;
        foreach (Func<byte[], int, int, DecodeError> decode in DecoderCases.EveryDecoder())
        {
            for (int i = 0; i < Iterations; i++)
            {
                int length = rng.Next(0, 260);
                byte[] b = new byte[length];
                rng.NextBytes(b);
                if (length >= 2 && rng.Next(2) == 0)
                {
                    // Give half the inputs a real message type so the decoders get past the type check.
                    ushort type = (ushort)(0x100 + rng.Next(0x1A));
                    b[0] = (byte)type;
                    b[1] = (byte)(type >> 8);
                }

                int o = length == 0 ? 0 : rng.Next(0, Math.Min(length, 8));
                AssertNoThrow(decode, b, o, length - o, $"decoder #{index}");
            }

            index++;
        }
    }

    [Fact]
    public void EveryDecoder_MutatedGoldenVectors_NeverThrows()
    {
        var rng = new Random(0xC0DEC);
        int index = 0;
        foreach (Func<byte[], int, int, DecodeError> decode in DecoderCases.EveryDecoder())
        {
            foreach (DecoderCase c in DecoderCases.All)
            {
                for (int i = 0; i < 60; i++)
                {
                    byte[] b = (byte[])c.Golden.Clone();
                    int flips = 1 + rng.Next(4);
                    for (int f = 0; f < flips; f++)
                    {
                        b[rng.Next(b.Length)] = (byte)rng.Next(256);
                    }

                    int n = rng.Next(0, b.Length + 1);
                    AssertNoThrow(decode, b, 0, n, $"decoder #{index} on mutated {c.Name}");
                }
            }

            index++;
        }
    }

    [Fact]
    public void CombineMessage_RandomChainsOfParts_NeverThrow()
    {
        var rng = new Random(42);
        var parser = new CombineMessage();
        for (int i = 0; i < Iterations; i++)
        {
            byte[] b = new byte[rng.Next(4, 200)];
            rng.NextBytes(b);
            int p = 0;
            while (p + 4 <= b.Length)
            {
                ushort type = (ushort)(0x100 + rng.Next(0x1A));
                int len = rng.Next(0, 40);
                ushort combine = (ushort)(len | (rng.Next(3) == 0 ? 0 : 0x8000));
                b[p] = (byte)type; b[p + 1] = (byte)(type >> 8);
                b[p + 2] = (byte)combine; b[p + 3] = (byte)(combine >> 8);
                p += Math.Max(4, len);
            }

            AssertNoThrow(parser.Parse, b, 0, b.Length, "combine");
            if (parser.PartCount > 0)
            {
                for (int k = 0; k < parser.PartCount; k++)
                {
                    Assert.InRange(parser.PartOffset[k] + parser.PartLength[k], 0, b.Length);
                }
            }
        }
    }
}
