using System.Text;
using Gateway.Protocol.Link;

namespace Gateway.Protocol.Tests.Link;

public sealed class Crc32Tests
{
    [Fact]
    public void Crc32_CheckString_IsCbf43926()
    {
        byte[] data = Encoding.ASCII.GetBytes("123456789");

        Assert.Equal(0xCBF43926u, Crc32.Compute(data, 0, data.Length));
        Assert.Equal(Crc32.CheckValue, Crc32.Compute(data, 0, data.Length));
    }

    [Fact]
    public void Crc32_EmptyInput_IsZero()
    {
        Assert.Equal(0u, Crc32.Compute(new byte[1], 0, 0));
    }

    [Fact]
    public void Crc32_ComputedInPieces_EqualsWhole()
    {
        byte[] data = Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog");
        uint running = Crc32.Start();
        running = Crc32.Update(running, data, 0, 10);
        running = Crc32.Update(running, data, 10, data.Length - 10);

        // Known value of the pangram: 0x414FA339.
        Assert.Equal(0x414FA339u, Crc32.Finish(running));
        Assert.Equal(Crc32.Compute(data, 0, data.Length), Crc32.Finish(running));
    }

    [Fact]
    public void Crc32_Offset_CoversOnlyTheRange()
    {
        byte[] padded = Encoding.ASCII.GetBytes("xx123456789yy");

        Assert.Equal(0xCBF43926u, Crc32.Compute(padded, 2, 9));
    }
}
