using System;
using Gateway.Devices.Hal;

namespace Gateway.Board.Tests.Hal;

/// <summary>
/// The behaviour every <see cref="IGpioBank"/> promises, run over each implementation that can run
/// (the simulator here; a real board's loopback wire with the hardware tests). The fixture is a wire
/// from an output pin to an input pin, as the boards declare (bank0 pin 4 → pin 5).
/// </summary>
public abstract class GpioBankContract
{
    /// <summary>A bank pair joined by one wire: <c>OutBank</c> pin <c>OutPin</c> to <c>InBank</c> pin <c>InPin</c>.</summary>
    protected sealed record LoopbackFixture(IGpioBank OutBank, int OutPin, IGpioBank InBank, int InPin);

    protected abstract LoopbackFixture CreateLoopback();

    private static uint Bit(int pin) => 1u << pin;

    private static LoopbackFixture Prepared(LoopbackFixture f)
    {
        // Both ends known: the source an output at 0, the sink an input without pulls or detection.
        f.OutBank.WriteOutputs(Bit(f.OutPin), 0);
        f.OutBank.SetDirections(Bit(f.OutPin), Bit(f.OutPin));
        f.InBank.SetDirections(Bit(f.InPin), 0);
        f.InBank.SetPulls(Bit(f.InPin), 0, 0);
        f.InBank.EnableEdges(0, 0);
        return f;
    }

    [Fact]
    public void PresentPins_Always_LieWithinPinCount()
    {
        var f = CreateLoopback();
        foreach (var bank in new[] { f.OutBank, f.InBank })
        {
            Assert.InRange(bank.PinCount, 1, 32);
            uint span = bank.PinCount == 32 ? uint.MaxValue : (1u << bank.PinCount) - 1;
            Assert.Equal(0u, bank.PresentPins & ~span);
            Assert.NotEqual(0u, bank.PresentPins & Bit(bank == f.OutBank ? f.OutPin : f.InPin));
        }
    }

    [Fact]
    public void ReadInputs_Output_ReadsItsLatch()
    {
        var f = Prepared(CreateLoopback());
        f.OutBank.WriteOutputs(Bit(f.OutPin), Bit(f.OutPin));
        Assert.Equal(Bit(f.OutPin), f.OutBank.ReadInputs() & Bit(f.OutPin));
        f.OutBank.WriteOutputs(Bit(f.OutPin), 0);
        Assert.Equal(0u, f.OutBank.ReadInputs() & Bit(f.OutPin));
    }

    [Fact]
    public void ReadInputs_LoopedInput_FollowsTheOutput()
    {
        var f = Prepared(CreateLoopback());
        f.OutBank.WriteOutputs(Bit(f.OutPin), Bit(f.OutPin));
        Assert.Equal(Bit(f.InPin), f.InBank.ReadInputs() & Bit(f.InPin));
        f.OutBank.WriteOutputs(Bit(f.OutPin), 0);
        Assert.Equal(0u, f.InBank.ReadInputs() & Bit(f.InPin));
    }

    [Fact]
    public void WriteOutputs_WhileInput_IsDrivenOnceOutput()
    {
        var f = Prepared(CreateLoopback());
        f.OutBank.SetDirections(Bit(f.OutPin), 0);
        f.OutBank.WriteOutputs(Bit(f.OutPin), Bit(f.OutPin));
        f.InBank.SetPulls(Bit(f.InPin), 0, Bit(f.InPin));
        Assert.Equal(0u, f.InBank.ReadInputs() & Bit(f.InPin));

        f.OutBank.SetDirections(Bit(f.OutPin), Bit(f.OutPin));

        Assert.Equal(Bit(f.InPin), f.InBank.ReadInputs() & Bit(f.InPin));
    }

    [Fact]
    public void SetPulls_BothEndsInputs_InputReadsItsPull()
    {
        var f = Prepared(CreateLoopback());
        f.OutBank.SetDirections(Bit(f.OutPin), 0);
        f.OutBank.SetPulls(Bit(f.OutPin), Bit(f.OutPin), 0);
        f.InBank.SetPulls(Bit(f.InPin), Bit(f.InPin), 0);
        Assert.Equal(Bit(f.InPin), f.InBank.ReadInputs() & Bit(f.InPin));

        f.OutBank.SetPulls(Bit(f.OutPin), 0, Bit(f.OutPin));
        f.InBank.SetPulls(Bit(f.InPin), 0, Bit(f.InPin));
        Assert.Equal(0u, f.InBank.ReadInputs() & Bit(f.InPin));
    }

    [Fact]
    public void EdgeDetected_RisingEnabled_ReportsRisingEdge()
    {
        var f = Prepared(CreateLoopback());
        using var edges = new EdgeRecorder(f.InBank);
        f.InBank.EnableEdges(Bit(f.InPin), 0);

        f.OutBank.WriteOutputs(Bit(f.OutPin), Bit(f.OutPin));

        Assert.True(edges.WaitFor(Bit(f.InPin), 0));
        Assert.Equal(0u, edges.AllFalling & Bit(f.InPin));
    }

    [Fact]
    public void EdgeDetected_FallingEnabled_ReportsFallingEdgeOnly()
    {
        var f = Prepared(CreateLoopback());
        using var edges = new EdgeRecorder(f.InBank);
        f.InBank.EnableEdges(0, Bit(f.InPin));

        f.OutBank.WriteOutputs(Bit(f.OutPin), Bit(f.OutPin));
        f.OutBank.WriteOutputs(Bit(f.OutPin), 0);

        Assert.True(edges.WaitFor(0, Bit(f.InPin)));
        Assert.Equal(0u, edges.AllRising & Bit(f.InPin));
    }

    [Fact]
    public void EdgeDetected_BothEnabled_ReportsBothEdges()
    {
        var f = Prepared(CreateLoopback());
        using var edges = new EdgeRecorder(f.InBank);
        f.InBank.EnableEdges(Bit(f.InPin), Bit(f.InPin));

        f.OutBank.WriteOutputs(Bit(f.OutPin), Bit(f.OutPin));
        f.OutBank.WriteOutputs(Bit(f.OutPin), 0);

        Assert.True(edges.WaitFor(Bit(f.InPin), Bit(f.InPin)));
    }

    [Fact]
    public void EnableEdges_ReplacedByNone_StopsReports()
    {
        var f = Prepared(CreateLoopback());
        using var edges = new EdgeRecorder(f.InBank);
        f.InBank.EnableEdges(Bit(f.InPin), Bit(f.InPin));
        f.InBank.EnableEdges(0, 0);

        f.OutBank.WriteOutputs(Bit(f.OutPin), Bit(f.OutPin));
        f.OutBank.WriteOutputs(Bit(f.OutPin), 0);
        // A marker edge on an enabled pin proves reports flow, so the absence above is not a delay.
        f.InBank.EnableEdges(Bit(f.InPin), 0);
        f.OutBank.WriteOutputs(Bit(f.OutPin), Bit(f.OutPin));

        Assert.True(edges.WaitFor(Bit(f.InPin), 0));
        Assert.Equal(0u, edges.AllFalling & Bit(f.InPin));
        Assert.Single(edges.Reports, r => (r.Rising & Bit(f.InPin)) != 0);
    }

    [Fact]
    public void ReadInputs_AbsentPins_ReadZero()
    {
        var f = Prepared(CreateLoopback());
        foreach (var bank in new[] { f.OutBank, f.InBank })
        {
            Assert.Equal(0u, bank.ReadInputs() & ~bank.PresentPins);
        }
    }
}
