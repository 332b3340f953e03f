using System;
using System.Text;
using Gateway.Board.Esp32;
using TableCrc32 = Gateway.Protocol.Link.Crc32;

namespace Gateway.Board.Tests.Esp32;

/// <summary>
/// firmware/Gateway.Board.Esp32/NativeCrc32.cs, compiled against a shim of nanoFramework.System.IO.Hashing's API
/// (tests/Gateway.Esp32.Desktop/Shim: .NET's System.IO.Hashing behind it, refusing spans over 32,767 bytes as the
/// device does), agrees with the link's table CRC and with .NET's CRC-32 on every buffer.
/// </summary>
public sealed class NativeCrc32Tests
{
    private readonly NativeCrc32 crc = new();

    [Fact]
    public void Compute_CheckString_IsTheIeeeCheckValue()
    {
        byte[] data = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(TableCrc32.CheckValue, crc.Compute(data, 0, data.Length));
        Assert.Equal(0xCBF43926u, crc.Compute(data, 0, data.Length));
    }

    [Fact]
    public void Compute_RandomBuffersOfManyLengths_AgreesWithTableAndDotNet()
    {
        var random = new Random(10);
        var lengths = new System.Collections.Generic.List<int> { 0, 1, 2, 3, 4, 7, 8, 255, 4096, 4352, 16640, 32766, 32767, 32768, 32769, 65534, 65535, 65536, 65537, 70000 };
        for (int i = 0; i < 60; i++)
        {
            lengths.Add(random.Next(0, 70001));
        }

        foreach (int length in lengths)
        {
            int offset = random.Next(0, 17);
            byte[] buffer = new byte[offset + length + random.Next(0, 17)];
            random.NextBytes(buffer);

            uint native = crc.Compute(buffer, offset, length);

            Assert.Equal(TableCrc32.Compute(buffer, offset, length), native);
            Assert.Equal(System.IO.Hashing.Crc32.HashToUInt32(buffer.AsSpan(offset, length)), native);
        }
    }

    [Fact]
    public void Compute_OneBufferInPieces_EachPieceMatches()
    {
        var random = new Random(11);
        byte[] buffer = new byte[70000];
        random.NextBytes(buffer);
        for (int at = 0; at < buffer.Length;)
        {
            int piece = Math.Min(random.Next(1, 40000), buffer.Length - at);
            Assert.Equal(TableCrc32.Compute(buffer, at, piece), crc.Compute(buffer, at, piece));
            at += piece;
        }
    }

    [Fact]
    public void Compute_RangeOutsideTheArray_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => crc.Compute(new byte[4], 2, 3));
        Assert.Throws<ArgumentNullException>(() => crc.Compute(null!, 0, 0));
    }
}
