using System.Linq;
using Gateway.Transports.Desktop.Serial;

namespace Gateway.Transports.Tests.Serial;

public sealed class SerialBaudRatesTests
{
    // asm-generic/termbits.h: B9600 0000015, B57600 0010001 … B3000000 0010015 (octal).
    [Theory]
    [InlineData(9_600, 0x000D)]
    [InlineData(19_200, 0x000E)]
    [InlineData(38_400, 0x000F)]
    [InlineData(57_600, 0x1001)]
    [InlineData(115_200, 0x1002)]
    [InlineData(230_400, 0x1003)]
    [InlineData(460_800, 0x1004)]
    [InlineData(500_000, 0x1005)]
    [InlineData(576_000, 0x1006)]
    [InlineData(921_600, 0x1007)]
    [InlineData(1_000_000, 0x1008)]
    [InlineData(1_152_000, 0x1009)]
    [InlineData(1_500_000, 0x100A)]
    [InlineData(2_000_000, 0x100B)]
    [InlineData(2_500_000, 0x100C)]
    [InlineData(3_000_000, 0x100D)]
    public void SpeedCode_SupportedRate_IsTheKernelConstant(int baud, uint code)
    {
        Assert.True(SerialBaudRates.TryGetSpeedCode(baud, out uint actual));
        Assert.Equal(code, actual);
        Assert.Equal(baud, SerialBaudRates.FromSpeedCode(code));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4_800)]
    [InlineData(12_345)]
    [InlineData(4_000_000)]
    public void SpeedCode_UnsupportedRate_IsRefused(int baud)
    {
        Assert.False(SerialBaudRates.IsSupported(baud));
        Assert.False(SerialBaudRates.TryGetSpeedCode(baud, out _));
    }

    [Fact]
    public void Supported_Rates_RunFrom9600To3000000Ascending()
    {
        Assert.Equal(9_600, SerialBaudRates.Supported[0]);
        Assert.Equal(3_000_000, SerialBaudRates.Supported[^1]);
        Assert.Equal(SerialBaudRates.Supported.Order(), SerialBaudRates.Supported);
    }
}
