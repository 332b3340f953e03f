using System;
using System.Linq;
using Gateway.Protocol.Link;

namespace Gateway.Protocol.Tests.Link;

public sealed class FrameCodecTests
{
    [Fact]
    public void Header_WrittenIntoDirtyBuffer_MatchesGoldenBytes()
    {
        byte[] b = Enumerable.Repeat((byte)0xFF, 20).ToArray();
        var h = new FrameHeader();
        h.Set(FrameKind.Request, 0, RefusalReason.None, 7, 1, 3);

        h.Write(b, 2);

        // version 02, kind 06 (REQUEST), flags 00, reason 00, seq 7, a = pid 1, b = coid 3; bytes around untouched.
        Assert.Equal(Hex.Parse("ff ff 02 06 00 00 07 00 00 00 01 00 00 00 03 00 00 00 ff ff"), b);
    }

    [Fact]
    public void Header_ReadBack_GivesEveryField()
    {
        // An error REPLY: flags 01, reason 0a (undeclared pid), seq 0x01020304, a = errno 1 (EPERM), b = 0.
        byte[] b = Hex.Parse("01 07 01 0a 04 03 02 01 01 00 00 00 00 00 00 00");
        var h = new FrameHeader();

        h.Read(b, 0);

        Assert.Equal((1, FrameKind.Reply, FrameFlags.Error, RefusalReason.UndeclaredPid), (h.Version, h.Kind, h.Flags, h.Reason));
        Assert.Equal((0x01020304u, 1, 0), (h.Seq, h.A, h.B));
        Assert.True(h.IsError);
    }

    [Fact]
    public void Encode_Ping_MatchesGoldenWireBytes()
    {
        // PING seq 1: marker a5 5a c3 3c | length 16 | preamble CRC 7a ee 9e a3 |
        // header 02 09 00 00 | 01 00 00 00 | 00 00 00 00 | 00 00 00 00 | frame CRC 36 35 cc 86
        byte[] wire = Wire.Frame(FrameKind.Ping, 1);

        Assert.Equal(Hex.Parse("a5 5a c3 3c 10 00 00 00 7a ee 9e a3 02 09 00 00 01 00 00 00 00 00 00 00 00 00 00 00 36 35 cc 86"), wire);
    }

    [Fact]
    public void Encode_RequestWithBody_MatchesGoldenWireBytes()
    {
        // REQUEST seq 7 from pid 1 coid 3, body 16 01 10 00 (an _IO_CLOSE header: type 0x116, combine_len 16).
        // Preamble: marker, length 20 (header + body), CRC 2d 79 fc 2c. Then the header and body as they are
        // (zeros and all: nothing is stuffed) and the frame CRC ce 25 66 8e.
        byte[] wire = Wire.Frame(FrameKind.Request, 7, 1, 3, Hex.Parse("16 01 10 00"));

        Assert.Equal(Hex.Parse("a5 5a c3 3c 14 00 00 00 2d 79 fc 2c 02 06 00 00 07 00 00 00 01 00 00 00 03 00 00 00 16 01 10 00 ce 25 66 8e"), wire);
    }

    [Fact]
    public void Encode_IntoDirtyBuffer_WritesOnlyItsBytes()
    {
        byte[] frame = Enumerable.Repeat((byte)0xFF, FrameHeader.Size + 4).ToArray();
        FrameHeader.Write(frame, 0, FrameKind.Reply, FrameFlags.Error, RefusalReason.NotAuthenticated, 5, 1, 0);
        byte[] dst = Enumerable.Repeat((byte)0xEE, 40).ToArray();

        int n = FrameEncoder.Encode(frame, 0, 0, dst, 1);

        // REPLY seq 5, ERROR, reason 1 (not authenticated), a = EPERM, no body.
        Assert.Equal(Hex.Parse("a5 5a c3 3c 10 00 00 00 7a ee 9e a3 02 07 01 01 05 00 00 00 01 00 00 00 00 00 00 00 51 2e 8a e4"), dst.AsSpan(1, n).ToArray());
        Assert.Equal(0xEE, dst[0]);
        Assert.Equal(0xEE, dst[1 + n]);
    }

    [Theory]
    [InlineData(LinkLimits.MinBody)]
    [InlineData(LinkLimits.DesktopBody)]
    [InlineData(LinkLimits.MaxBody)]
    public void WireLength_LargestBody_IsExactAndWithinTwoPercent(int body)
    {
        byte[] frame = new byte[LinkLimits.FrameLength(body)];
        new Random(1).NextBytes(frame);
        byte[] dst = new byte[LinkLimits.WireLength(body)];

        int n = FrameEncoder.Encode(frame, 0, body, dst, 0);

        // Preamble 12 + header 16 + CRC 4 whatever the data: the payload is copied, never stuffed.
        Assert.Equal(dst.Length, n);
        Assert.Equal(body + 32, n);
        Assert.True(n <= body * 1.02, $"{n} wire bytes for a {body}-byte body");
    }

    [Fact]
    public void Encode_ZeroBody_CopiesTheZerosAsTheyAre()
    {
        byte[] frame = new byte[LinkLimits.FrameLength(LinkLimits.PageSize)];
        FrameHeader.Write(frame, 0, FrameKind.Reply, 0, 0, 3, LinkLimits.PageSize, 0);
        byte[] dst = new byte[LinkLimits.WireLength(LinkLimits.PageSize)];

        int n = FrameEncoder.Encode(frame, 0, LinkLimits.PageSize, dst, 0);

        Assert.Equal(LinkLimits.PageSize + 32, n);
        Assert.All(dst.AsSpan(28, LinkLimits.PageSize).ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void Limits_MinimumBody_IsOnePagePlusHeadroom()
    {
        Assert.Equal(4096 + 256, LinkLimits.MinBody);
        Assert.Equal((16 * 1024) + 256, LinkLimits.DesktopBody);
        Assert.Equal(20, LinkLimits.FrameOverhead);
    }
}
