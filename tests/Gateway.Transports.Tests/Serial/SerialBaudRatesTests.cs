using System.Linq;
using Gateway.Transports.Desktop.Serial;

namespace Gateway.Transports.Tests.Serial;

public sealed class SerialBaudRatesTests
{
    // asm-generic/termbits.h: B50 0000001, B9600 0000015, B57600 0010001 … B4000000 0010017 (octal).
    [Theory]
    [InlineData(50, 0x0001)]
    [InlineData(1_200, 0x0009)]
    [InlineData(4_800, 0x000C)]
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
    [InlineData(3_500_000, 0x100E)]
    [InlineData(4_000_000, 0x100F)]
    public void SpeedCode_SupportedRate_IsTheKernelConstant(int baud, uint code)
    {
        Assert.True(SerialBaudRates.TryGetSpeedCode(baud, out uint actual));
        Assert.Equal(code, actual);
        Assert.Equal(baud, SerialBaudRates.FromSpeedCode(code));
    }

    [Theory]
    [InlineData(12_345)]
    [InlineData(250_000)]
    [InlineData(5_000_000)]
    public void SpeedCode_NonStandardRate_HasNoCodeButIsValid(int baud)
    {
        Assert.False(SerialBaudRates.IsStandard(baud));
        Assert.False(SerialBaudRates.TryGetSpeedCode(baud, out _));
        Assert.True(SerialBaudRates.IsValid(baud));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void IsValid_NotPositive_IsRefused(int baud)
    {
        Assert.False(SerialBaudRates.IsValid(baud));
        Assert.False(SerialBaudRates.IsStandard(baud));
    }

    [Fact]
    public void Standard_Rates_RunFrom50To4000000Ascending()
    {
        Assert.Equal(50, SerialBaudRates.Standard[0]);
        Assert.Equal(4_000_000, SerialBaudRates.Standard[^1]);
        Assert.Equal(SerialBaudRates.Standard.Order(), SerialBaudRates.Standard);
    }
}
