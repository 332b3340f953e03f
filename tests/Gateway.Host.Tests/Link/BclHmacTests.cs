using System;
using System.Linq;
using System.Text;
using Gateway.Protocol.Desktop.Platform;

namespace Gateway.Host.Tests.Link;

/// <summary>The link's HMAC on desktops against RFC 4231 (HMAC-SHA-256 results of test cases 1–4, 6, 7).</summary>
public sealed class BclHmacTests
{
    public static TheoryData<string, byte[], byte[], string> Rfc4231() => new()
    {
        // 1: key 0b × 20, data "Hi There"
        { "1", Enumerable.Repeat((byte)0x0b, 20).ToArray(), Encoding.ASCII.GetBytes("Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
        // 2: key "Jefe", data "what do ya want for nothing?"
        { "2", Encoding.ASCII.GetBytes("Jefe"), Encoding.ASCII.GetBytes("what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
        // 3: key aa × 20, data dd × 50
        { "3", Enumerable.Repeat((byte)0xaa, 20).ToArray(), Enumerable.Repeat((byte)0xdd, 50).ToArray(),
            "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
        // 4: key 01 02 … 19, data cd × 50
        { "4", Enumerable.Range(1, 25).Select(i => (byte)i).ToArray(), Enumerable.Repeat((byte)0xcd, 50).ToArray(),
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
        // 6: key aa × 131 (larger than a block), data "Test Using Larger Than Block-Size Key - Hash Key First"
        { "6", Enumerable.Repeat((byte)0xaa, 131).ToArray(), Encoding.ASCII.GetBytes("Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
        // 7: key aa × 131, data larger than a block
        { "7", Enumerable.Repeat((byte)0xaa, 131).ToArray(),
            Encoding.ASCII.GetBytes("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
    };

    [Theory]
    [MemberData(nameof(Rfc4231))]
    public void Compute_Rfc4231Case_MatchesTheRfc(string testCase, byte[] key, byte[] data, string expected)
    {
        var hmac = new BclHmac(key);
        byte[] input = new byte[data.Length + 3];
        data.CopyTo(input, 2);
        byte[] mac = Enumerable.Repeat((byte)0xEE, 36).ToArray();

        hmac.Compute(input, 2, data.Length, mac, 2);

        Assert.True(Convert.ToHexString(mac, 2, 32).ToLowerInvariant() == expected, $"RFC 4231 case {testCase}");
        Assert.Equal((0xEE, 0xEE, 0xEE, 0xEE), (mac[0], mac[1], mac[34], mac[35]));
    }

    [Fact]
    public void ToString_NeverShowsTheKey()
    {
        var hmac = new BclHmac(Encoding.ASCII.GetBytes("gateway-development-key-00000000"));

        Assert.DoesNotContain("gateway-development", hmac.ToString());
    }

    [Fact]
    public void Constructor_EmptyKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => new BclHmac(ReadOnlySpan<byte>.Empty));
    }
}
