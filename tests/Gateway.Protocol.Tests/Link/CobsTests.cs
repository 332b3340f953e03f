using System;
using System.Linq;
using Gateway.Protocol.Link;

namespace Gateway.Protocol.Tests.Link;

public sealed class CobsTests
{
    private static byte[] Range(int from, int toInclusive) =>
        Enumerable.Range(from, toInclusive - from + 1).Select(i => (byte)i).ToArray();

    /// <summary>The encoding examples of Wikipedia's COBS article (without the trailing 0x00 delimiter).</summary>
    public static TheoryData<string, byte[], byte[]> WikipediaExamples() => new()
    {
        // 1: 00 → 01 01
        { "1", Hex.Parse("00"), Hex.Parse("01 01") },
        // 2: 00 00 → 01 01 01
        { "2", Hex.Parse("00 00"), Hex.Parse("01 01 01") },
        // 3: 00 11 00 → 01 02 11 01
        { "3", Hex.Parse("00 11 00"), Hex.Parse("01 02 11 01") },
        // 4: 11 22 00 33 → 03 11 22 02 33
        { "4", Hex.Parse("11 22 00 33"), Hex.Parse("03 11 22 02 33") },
        // 5: 11 22 33 44 → 05 11 22 33 44
        { "5", Hex.Parse("11 22 33 44"), Hex.Parse("05 11 22 33 44") },
        // 6: 11 00 00 00 → 02 11 01 01 01
        { "6", Hex.Parse("11 00 00 00"), Hex.Parse("02 11 01 01 01") },
        // 7: 01 02 … fe (254 bytes) → ff 01 02 … fe
        { "7", Range(0x01, 0xFE), new byte[] { 0xFF }.Concat(Range(0x01, 0xFE)).ToArray() },
        // 8: 00 01 02 … fe (255 bytes) → 01 ff 01 02 … fe
        { "8", Range(0x00, 0xFE), new byte[] { 0x01, 0xFF }.Concat(Range(0x01, 0xFE)).ToArray() },
        // 9: 01 02 … fe ff (255 bytes) → ff 01 02 … fe 02 ff
        { "9", Range(0x01, 0xFF), new byte[] { 0xFF }.Concat(Range(0x01, 0xFE)).Concat(new byte[] { 0x02, 0xFF }).ToArray() },
        // 10: 02 03 … fe ff 00 (255 bytes) → ff 02 03 … fe ff 01 01
        { "10", Range(0x02, 0xFF).Concat(new byte[] { 0x00 }).ToArray(), new byte[] { 0xFF }.Concat(Range(0x02, 0xFF)).Concat(new byte[] { 0x01, 0x01 }).ToArray() },
        // 11: 03 04 … fe ff 00 01 (255 bytes) → fe 03 04 … fe ff 02 01
        { "11", Range(0x03, 0xFF).Concat(new byte[] { 0x00, 0x01 }).ToArray(), new byte[] { 0xFE }.Concat(Range(0x03, 0xFF)).Concat(new byte[] { 0x02, 0x01 }).ToArray() },
    };

    [Theory]
    [MemberData(nameof(WikipediaExamples))]
    public void Encode_WikipediaExample_MatchesGoldenBytes(string example, byte[] input, byte[] encoded)
    {
        byte[] dst = Enumerable.Repeat((byte)0xEE, Cobs.MaxEncodedLength(input.Length) + 4).ToArray();

        int n = Cobs.Encode(input, 0, input.Length, dst, 2);

        Assert.True(n <= Cobs.MaxEncodedLength(input.Length), example);
        Assert.Equal(encoded, dst.AsSpan(2, n).ToArray());
        Assert.Equal(0xEE, dst[1]);
        Assert.Equal(0xEE, dst[2 + n]);
    }

    [Theory]
    [MemberData(nameof(WikipediaExamples))]
    public void Decode_WikipediaExample_GivesInputBack(string example, byte[] input, byte[] encoded)
    {
        byte[] dst = new byte[input.Length + 8];

        int n = Cobs.Decode(encoded, 0, encoded.Length, dst, 0, dst.Length);

        Assert.True(n >= 0, example);
        Assert.Equal(input, dst.AsSpan(0, n).ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(253)]
    [InlineData(254)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(508)]
    [InlineData(509)]
    [InlineData(4096)]
    public void RoundTrip_NonZeroRun_ContainsNoZeroAndDecodesBack(int length)
    {
        byte[] input = Enumerable.Range(0, length).Select(i => (byte)(1 + (i % 255))).ToArray();
        byte[] enc = new byte[Cobs.MaxEncodedLength(length)];

        int n = Cobs.Encode(input, 0, length, enc, 0);
        byte[] dec = new byte[length];
        int m = Cobs.Decode(enc, 0, n, dec, 0, dec.Length);

        Assert.DoesNotContain((byte)0, enc.AsSpan(0, n).ToArray());
        Assert.Equal(length, m);
        Assert.Equal(input, dec);
    }

    [Fact]
    public void RoundTrip_RandomBlocks_DecodeBack()
    {
        var random = new Random(4231);
        for (int iteration = 0; iteration < 500; iteration++)
        {
            int length = random.Next(0, 1200);
            byte[] input = new byte[length];
            random.NextBytes(input);
            for (int i = 0; i < length; i++)
            {
                if (random.Next(4) == 0)
                {
                    input[i] = 0;
                }
            }

            byte[] enc = new byte[Cobs.MaxEncodedLength(length)];
            int n = Cobs.Encode(input, 0, length, enc, 0);
            byte[] dec = new byte[length];
            int m = Cobs.Decode(enc, 0, n, dec, 0, dec.Length);

            Assert.DoesNotContain((byte)0, enc.AsSpan(0, n).ToArray());
            Assert.Equal(input, dec.AsSpan(0, m).ToArray());
        }
    }

    [Theory]
    // A zero inside the encoded bytes.
    [InlineData("03 11 00 22")]
    // A code byte announcing more bytes than follow.
    [InlineData("05 11 22")]
    // A zero code byte.
    [InlineData("00")]
    public void Decode_MalformedInput_ReturnsMinusOne(string encoded)
    {
        byte[] src = Hex.Parse(encoded);

        Assert.Equal(-1, Cobs.Decode(src, 0, src.Length, new byte[16], 0, 16));
    }

    [Fact]
    public void Decode_OutputLargerThanCapacity_ReturnsMinusOne()
    {
        byte[] src = Hex.Parse("05 11 22 33 44");

        Assert.Equal(-1, Cobs.Decode(src, 0, src.Length, new byte[3], 0, 3));
    }
}
