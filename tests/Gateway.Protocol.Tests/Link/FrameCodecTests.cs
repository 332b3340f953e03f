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

        // version 01, kind 06 (REQUEST), flags 00, reason 00, seq 7, a = pid 1, b = coid 3; bytes around untouched.
        Assert.Equal(Hex.Parse("ff ff 01 06 00 00 07 00 00 00 01 00 00 00 03 00 00 00 ff ff"), b);
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
        // PING seq 1. Decoded: 01 09 00 00 | 01 00 00 00 | 00 00 00 00 | 00 00 00 00 | crc c4 81 04 af
        byte[] wire = Wire.Frame(FrameKind.Ping, 1);

        Assert.Equal(Hex.Parse("03 01 09 01 02 01 01 01 01 01 01 01 01 01 01 01 05 c4 81 04 af 00"), wire);
    }

    [Fact]
    public void Encode_RequestWithBody_MatchesGoldenWireBytes()
    {
        // REQUEST seq 7 from pid 1 coid 3, body 16 01 10 00 (an _IO_CLOSE header: type 0x116, combine_len 16).
        // Decoded: 01 06 00 00 07 00 00 00 01 00 00 00 03 00 00 00 16 01 10 00 | crc 04 68 cf 21
        byte[] wire = Wire.Frame(FrameKind.Request, 7, 1, 3, Hex.Parse("16 01 10 00"));

        Assert.Equal(Hex.Parse("03 01 06 01 02 07 01 01 02 01 01 01 02 03 01 01 04 16 01 10 05 04 68 cf 21 00"), wire);
    }

    [Fact]
    public void Encode_IntoDirtyBuffer_WritesOnlyItsBytes()
    {
        byte[] frame = Enumerable.Repeat((byte)0xFF, FrameHeader.Size + 4).ToArray();
        FrameHeader.Write(frame, 0, FrameKind.Reply, FrameFlags.Error, RefusalReason.NotAuthenticated, 5, 1, 0);
        byte[] dst = Enumerable.Repeat((byte)0xEE, 40).ToArray();

        int n = FrameEncoder.Encode(frame, 0, 0, dst, 1);

        // REPLY seq 5, ERROR, reason 1 (not authenticated), a = EPERM: decoded 01 07 01 01 05 00 00 00 01 00 … | a3 9a 42 cd
        Assert.Equal(Hex.Parse("06 01 07 01 01 05 01 01 02 01 01 01 01 01 01 01 05 a3 9a 42 cd 00"), dst.AsSpan(1, n).ToArray());
        Assert.Equal(0xEE, dst[0]);
        Assert.Equal(0xEE, dst[1 + n]);
    }

    [Fact]
    public void WireLength_LargestBody_BoundsTheEncoding()
    {
        byte[] frame = new byte[LinkLimits.FrameLength(LinkLimits.MinBody)];
        new Random(1).NextBytes(frame);
        byte[] dst = new byte[LinkLimits.WireLength(LinkLimits.MinBody)];

        int n = FrameEncoder.Encode(frame, 0, LinkLimits.MinBody, dst, 0);

        Assert.True(n <= dst.Length);
        Assert.Equal(0, dst[n - 1]);
    }

    [Fact]
    public void Limits_MinimumBody_IsOnePagePlusHeadroom()
    {
        Assert.Equal(4096 + 256, LinkLimits.MinBody);
        Assert.Equal((16 * 1024) + 256, LinkLimits.DesktopBody);
        Assert.Equal(20, LinkLimits.FrameOverhead);
    }
}
