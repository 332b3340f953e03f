using Gateway.Board.RaspberryPi.Gpio;
using Gateway.Board.RaspberryPi.Interop;

namespace Gateway.Board.Tests.RaspberryPi;

public sealed class LineConfigBuilderTests
{
    private static readonly ulong In = LineConfigBuilder.FlagsFor(false, false, false, false, false);
    private static readonly ulong Out = LineConfigBuilder.FlagsFor(true, false, false, false, false);

    [Fact]
    public void TryBuild_AllLinesAlike_UsesDefaultFlagsOnly()
    {
        Assert.True(LineConfigBuilder.TryBuild(new[] { In, In, In }, 0, out var config, out _));

        Assert.Equal(In, config.Flags);
        Assert.Equal(0u, config.NumAttrs);
    }

    [Fact]
    public void TryBuild_MixedLines_MostCommonIsDefaultOthersAttributesAndOutputValues()
    {
        Assert.True(LineConfigBuilder.TryBuild(new[] { In, Out, In, Out, In }, 0b11010, out var config, out _));

        Assert.Equal(In, config.Flags);
        Assert.Equal(2u, config.NumAttrs);
        Assert.Equal(GpioUapi.GPIO_V2_LINE_ATTR_ID_FLAGS, config.Attrs[0].Attr.Id);
        Assert.Equal(Out, config.Attrs[0].Attr.Flags);
        Assert.Equal(0b01010UL, config.Attrs[0].Mask);
        Assert.Equal(GpioUapi.GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES, config.Attrs[1].Attr.Id);
        Assert.Equal(0b01010UL, config.Attrs[1].Mask);
        Assert.Equal(0b01010UL, config.Attrs[1].Attr.Values);
    }

    [Fact]
    public void TryBuild_TooManyDistinctSettings_IsRefusedWithReason()
    {
        // Every input setting (3 biases x 4 edge choices) once: 12 distinct sets need 11 attributes.
        var flags = new ulong[12];
        for (int i = 0; i < flags.Length; i++)
        {
            flags[i] = LineConfigBuilder.FlagsFor(false, i % 3 == 1, i % 3 == 2, i / 3 % 2 == 1, i / 6 == 1);
        }

        bool ok = LineConfigBuilder.TryBuild(flags, 0, out _, out string? error);

        Assert.False(ok);
        Assert.Contains("attributes", error);
    }

    [Fact]
    public void TryBuild_TenAttributesExactly_Fits()
    {
        // Nine input settings besides the default, and no outputs: 9 attributes.
        var flags = new ulong[10];
        for (int i = 0; i < 10; i++)
        {
            flags[i] = LineConfigBuilder.FlagsFor(false, i % 3 == 1, i % 3 == 2, i / 3 % 2 == 1, i / 6 == 1);
        }

        flags[9] = Out;

        Assert.True(LineConfigBuilder.TryBuild(flags, 0, out var config, out _));
        Assert.Equal(10u, config.NumAttrs);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void TryBuild_LineCountOutOfRange_IsRefused(int lines)
    {
        Assert.False(LineConfigBuilder.TryBuild(new ulong[lines], 0, out _, out string? error));
        Assert.NotNull(error);
    }

    [Fact]
    public void FlagsFor_Output_NeverAsksForEdges()
    {
        ulong flags = LineConfigBuilder.FlagsFor(true, false, false, true, true);

        Assert.Equal(0UL, flags & (GpioUapi.GPIO_V2_LINE_FLAG_EDGE_RISING | GpioUapi.GPIO_V2_LINE_FLAG_EDGE_FALLING));
        Assert.NotEqual(0UL, flags & GpioUapi.GPIO_V2_LINE_FLAG_OUTPUT);
    }

    [Fact]
    public void FlagsFor_InputWithBothEdgesAndPullUp_SetsEachFlag()
    {
        ulong flags = LineConfigBuilder.FlagsFor(false, true, true, true, true);

        Assert.Equal(
            GpioUapi.GPIO_V2_LINE_FLAG_INPUT | GpioUapi.GPIO_V2_LINE_FLAG_BIAS_PULL_UP |
            GpioUapi.GPIO_V2_LINE_FLAG_EDGE_RISING | GpioUapi.GPIO_V2_LINE_FLAG_EDGE_FALLING,
            flags);
    }

    [Fact]
    public void FlagsFor_NoPull_DisablesBias()
    {
        Assert.Equal(GpioUapi.GPIO_V2_LINE_FLAG_INPUT | GpioUapi.GPIO_V2_LINE_FLAG_BIAS_DISABLED, In);
        Assert.Equal(GpioUapi.GPIO_V2_LINE_FLAG_INPUT | GpioUapi.GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN,
            LineConfigBuilder.FlagsFor(false, false, true, false, false));
    }
}
