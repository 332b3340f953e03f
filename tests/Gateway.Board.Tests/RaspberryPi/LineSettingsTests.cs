using Gateway.Board.RaspberryPi.Gpio;
using Gateway.Board.RaspberryPi.Interop;

namespace Gateway.Board.Tests.RaspberryPi;

/// <summary>
/// Bias is left as the board has it until the register file asks for a pull: the line request asks for no bias,
/// and neither does the register file's reset (PULLUP = PULLDOWN = 0 everywhere).
/// </summary>
public sealed class LineSettingsTests
{
    private const ulong AnyBias = GpioUapi.GPIO_V2_LINE_FLAG_BIAS_PULL_UP | GpioUapi.GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN
        | GpioUapi.GPIO_V2_LINE_FLAG_BIAS_DISABLED;

    private static readonly int[] Lines = { 5, 6, 12, 13, 16, 17, 22, 23 };

    [Fact]
    public unsafe void CreateRequest_Open_AsksForNoBiasOnAnyLine()
    {
        GpioV2LineRequest request = LinuxGpioBank.CreateRequest(Lines, "gateway", out int[] positions, out uint present);

        Assert.Equal(8, positions.Length);
        Assert.Equal(0xFFu, present);
        Assert.Equal(0UL, request.Config.Flags & AnyBias);
        Assert.Equal(GpioUapi.GPIO_V2_LINE_FLAG_INPUT, request.Config.Flags);
        Assert.Equal(0u, request.Config.NumAttrs);
        Assert.Equal((uint)LinuxGpioBank.EventBufferSize, request.EventBufferSize);
    }

    [Fact]
    public void Flags_RegisterFileReset_LeavesBiasAlone()
    {
        var settings = new LineSettings(new[] { 0, 1, 2, 3, 4, 5, 6, 7 });

        // GpioBankRegion's reset, in its order.
        settings.SetDirections(0xFF, 0);
        settings.SetLatch(0xFF, 0);
        settings.SetPulls(0xFF, 0, 0);
        settings.SetEdges(0, 0);

        Assert.All(settings.Flags(), f => Assert.Equal(0UL, f & AnyBias));
    }

    [Fact]
    public void Flags_PullAskedFor_TakesOverThatPinOnly()
    {
        var settings = new LineSettings(new[] { 0, 1, 2 });

        settings.SetPulls(0b111, pullUps: 0b001, pullDowns: 0b010);

        ulong[] flags = settings.Flags();
        Assert.Equal(GpioUapi.GPIO_V2_LINE_FLAG_BIAS_PULL_UP, flags[0] & AnyBias);
        Assert.Equal(GpioUapi.GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN, flags[1] & AnyBias);
        Assert.Equal(0UL, flags[2] & AnyBias);
    }

    [Fact]
    public void Flags_PullClearedAfterwards_DisablesBias()
    {
        var settings = new LineSettings(new[] { 0, 1 });
        settings.SetPulls(0b11, pullUps: 0b01, pullDowns: 0);

        settings.SetPulls(0b11, 0, 0);

        ulong[] flags = settings.Flags();
        Assert.Equal(GpioUapi.GPIO_V2_LINE_FLAG_BIAS_DISABLED, flags[0] & AnyBias);
        Assert.Equal(0UL, flags[1] & AnyBias);
    }
}
