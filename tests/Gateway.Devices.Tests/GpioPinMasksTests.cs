using System;
using Gateway.Devices.Hal;

namespace Gateway.Devices.Tests;

/// <summary>
/// The mask bookkeeping the controller-driven banks share (the ESP32 bank, the Pi's controller banks): the IGpioBank
/// contract's rules on absent pins, latches, pulls and edges (hal.md), and what it hands back to be applied.
/// The adapters' contract suites (tests/Gateway.Board.Tests) run it through real controllers over simulated drivers.
/// </summary>
public sealed class GpioPinMasksTests
{
    // Bank pins 0, 1, 3 are controller pins 10, 11, 13; pin 2 is absent.
    private readonly GpioPinMasks masks = new(new[] { 10, 11, -1, 13 });

    [Fact]
    public void Masks_AbsentPin_IsNotPresentAndNeverHandedBack()
    {
        Assert.Equal(4, masks.PinCount);
        Assert.Equal(0b1011u, masks.PresentPins);
        Assert.Equal(0b1011u, masks.SetDirections(0xFFFF_FFFF, 0xFFFF_FFFF));
        Assert.Equal(0b1011u, masks.Outputs);
        Assert.Equal(0b1011u, masks.SetLatch(0xFFFF_FFFF, 0xFFFF_FFFF));
        Assert.False(masks.LatchHigh(2));
        Assert.Equal(0b1011u, masks.SetEdges(0xFFFF_FFFF, 0));
    }

    [Fact]
    public void Masks_LatchOfAnInput_IsKeptAndDrivenWhenItBecomesAnOutput()
    {
        Assert.Equal(0u, masks.SetLatch(0b0010, 0b0010)); // an input: nothing to drive yet
        Assert.True(masks.LatchHigh(1));
        uint changed = masks.SetDirections(0b0010, 0b0010);
        Assert.Equal(0b0010u, changed & masks.Outputs);
        Assert.Equal(GpioPinMode.Output, masks.ModeOf(1));
        Assert.Equal(0b0010u, masks.SetLatch(0b0011, 0b0001)); // only the output is driven; pin 0 latches high
        Assert.False(masks.LatchHigh(1));
        Assert.True(masks.LatchHigh(0));
    }

    [Fact]
    public void Masks_PullUpAndDown_PullUpWinsAndOutputsKeepTheirPullForLater()
    {
        masks.SetDirections(0b1000, 0b1000);
        Assert.Equal(0b0011u, masks.SetPulls(0b1011, 0b1001, 0b1011)); // pin 3 is an output: its mode stays
        Assert.Equal(GpioPinMode.InputPullUp, masks.ModeOf(0));
        Assert.Equal(GpioPinMode.InputPullDown, masks.ModeOf(1));
        Assert.Equal(GpioPinMode.Output, masks.ModeOf(3));
        masks.SetDirections(0b1000, 0);
        Assert.Equal(GpioPinMode.InputPullUp, masks.ModeOf(3));
        masks.SetPulls(0b0001, 0, 0);
        Assert.Equal(GpioPinMode.Input, masks.ModeOf(0));
    }

    [Fact]
    public void Masks_Edges_OnlyEnabledOnesOnInputsAreReported()
    {
        Assert.Equal(0b0011u, masks.SetEdges(0b0001, 0b0010));
        Assert.True(masks.EdgesOf(0, rose: true, fell: true, out uint rising, out uint falling));
        Assert.Equal((1u, 0u), (rising, falling));
        Assert.False(masks.EdgesOf(0, rose: false, fell: true, out _, out _));
        Assert.True(masks.EdgesOf(1, rose: true, fell: true, out rising, out falling));
        Assert.Equal((0u, 2u), (rising, falling));

        masks.SetDirections(0b0001, 0b0001);
        Assert.False(masks.EdgesOf(0, rose: true, fell: false, out _, out _)); // an output's own change is no edge
        Assert.False(masks.EdgesOf(3, rose: true, fell: true, out _, out _)); // no detection on pin 3
    }

    [Fact]
    public void Masks_PinOf_MapsControllerPinsBackAndUnknownOnesToMinusOne()
    {
        Assert.Equal(3, masks.PinOf(13));
        Assert.Equal(0, masks.PinOf(10));
        Assert.Equal(-1, masks.PinOf(12));
        Assert.Equal(-1, masks.PinOf(-1)); // the absent pin's marker is no pin
        Assert.Equal(13, masks.ControllerPin(3));
    }

    [Fact]
    public void Masks_Subscriptions_AreMarkedPinByPin()
    {
        masks.MarkSubscribed(3, true);
        masks.MarkSubscribed(0, true);
        masks.MarkSubscribed(3, false);
        Assert.Equal(0b0001u, masks.Subscribed);
    }

    [Fact]
    public void Masks_NoPinsOrMoreThan32_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => new GpioPinMasks(Array.Empty<int>()));
        Assert.Throws<ArgumentException>(() => new GpioPinMasks(new int[33]));
        Assert.Throws<ArgumentNullException>(() => new GpioPinMasks(null!));
    }
}
