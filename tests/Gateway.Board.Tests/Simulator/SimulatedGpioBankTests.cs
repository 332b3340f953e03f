using System;
using Gateway.Board.Emulated.Simulator;
using Gateway.Board.Tests.Hal;

namespace Gateway.Board.Tests.Simulator;

public sealed class SimulatedGpioBankTests
{
    [Fact]
    public void NewBank_Always_StartsAsInputsWithoutPullsReadingZero()
    {
        var bank = new SimulatedGpioBank("bank0", 32);

        Assert.Equal(0u, bank.Outputs);
        Assert.Equal(0u, bank.Latch);
        Assert.Equal(0u, bank.PullUps | bank.PullDowns);
        Assert.Equal(0u, bank.ReadInputs());
        Assert.Equal(uint.MaxValue, bank.PresentPins);
    }

    [Fact]
    public void Constructor_EightPinBank_PresentMaskIsFF()
    {
        var bank = new SimulatedGpioBank("bank1", 8, presentPins: 0xFF);

        Assert.Equal(8, bank.PinCount);
        Assert.Equal(0xFFu, bank.PresentPins);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public void Constructor_PinCountOutOfRange_Throws(int pinCount)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedGpioBank("b", pinCount));
    }

    [Fact]
    public void Constructor_PresentPinsBeyondCount_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SimulatedGpioBank("b", 8, presentPins: 0x1FF));
    }

    [Fact]
    public void SetPulls_UndrivenInputs_ReadPullUpHighPullDownAndNoneLow()
    {
        var bank = new SimulatedGpioBank("bank0", 8);

        bank.SetPulls(0b111, 0b001, 0b010);

        Assert.Equal(0b001u, bank.ReadInputs() & 0b111);
        Assert.Equal(0b001u, bank.PullUps);
        Assert.Equal(0b010u, bank.PullDowns);
    }

    [Fact]
    public void SetPulls_UpAndDownTogether_PullUpWins()
    {
        var bank = new SimulatedGpioBank("bank0", 8);

        bank.SetPulls(0b1, 0b1, 0b1);

        Assert.Equal(1u, bank.PullUps);
        Assert.Equal(0u, bank.PullDowns);
        Assert.Equal(1u, bank.ReadInputs() & 1);
    }

    [Fact]
    public void SetPulls_OnlyMaskedPins_Change()
    {
        var bank = new SimulatedGpioBank("bank0", 8);
        bank.SetPulls(0xFF, 0xFF, 0);

        bank.SetPulls(0x0F, 0, 0x0F);

        Assert.Equal(0xF0u, bank.PullUps);
        Assert.Equal(0x0Fu, bank.PullDowns);
    }

    [Fact]
    public void Verbs_AbsentPins_AreIgnored()
    {
        var bank = new SimulatedGpioBank("bank1", 8, presentPins: 0x0F);

        bank.WriteOutputs(0xFF, 0xFF);
        bank.SetDirections(0xFF, 0xFF);
        bank.SetPulls(0xFF, 0xFF, 0);

        Assert.Equal(0x0Fu, bank.Outputs);
        Assert.Equal(0x0Fu, bank.Latch);
        Assert.Equal(0x0Fu, bank.ReadInputs());
    }

    [Fact]
    public void DriveExternally_InputWithDetection_RaisesEdgesAndReleaseFallsBackToPull()
    {
        var bank = new SimulatedGpioBank("bank0", 8);
        using var edges = new EdgeRecorder(bank);
        bank.SetPulls(1u << 3, 1u << 3, 0);
        bank.EnableEdges(1u << 3, 1u << 3);

        bank.DriveExternally(3, false);
        bank.ReleaseExternally(3);

        Assert.Equal(new[] { (0u, 1u << 3), (1u << 3, 0u) }, edges.Reports);
        Assert.Equal(1u << 3, bank.ReadInputs() & (1u << 3));
    }

    [Fact]
    public void EnableEdges_OnOutputPin_ReportsNothing()
    {
        var bank = new SimulatedGpioBank("bank0", 8);
        using var edges = new EdgeRecorder(bank);
        bank.SetDirections(1, 1);
        bank.EnableEdges(1, 1);

        bank.WriteOutputs(1, 1);
        bank.WriteOutputs(1, 0);

        Assert.Empty(edges.Reports);
        Assert.Equal(0, bank.EdgeReports);
    }

    [Fact]
    public void EnableEdges_ItselfAndPullChangesWithoutLevelChange_ReportNothing()
    {
        var bank = new SimulatedGpioBank("bank0", 8);
        using var edges = new EdgeRecorder(bank);

        bank.EnableEdges(0xFF, 0xFF);
        bank.SetPulls(0xFF, 0, 0xFF);

        Assert.Empty(edges.Reports);
    }

    [Fact]
    public void Wiring_LoopbackRisingOnlyEnabled_FallingIsNotReported()
    {
        var wiring = new GpioWiring();
        var bank = new SimulatedGpioBank("bank0", 32, wiring);
        wiring.Connect(bank, 4, bank, 5);
        using var edges = new EdgeRecorder(bank);
        bank.SetDirections(1u << 4, 1u << 4);
        bank.EnableEdges(1u << 5, 0);

        bank.WriteOutputs(1u << 4, 1u << 4);
        bank.WriteOutputs(1u << 4, 0);

        Assert.Equal(new[] { (1u << 5, 0u) }, edges.Reports);
    }

    [Fact]
    public void Wiring_EdgesNotEnabled_ReportNothingButLevelFollows()
    {
        var wiring = new GpioWiring();
        var bank = new SimulatedGpioBank("bank0", 32, wiring);
        wiring.Connect(bank, 4, bank, 5);
        using var edges = new EdgeRecorder(bank);
        bank.SetDirections(1u << 4, 1u << 4);

        bank.WriteOutputs(1u << 4, 1u << 4);

        Assert.Empty(edges.Reports);
        Assert.Equal(1u << 5, bank.ReadInputs() & (1u << 5));
    }

    [Fact]
    public void Wiring_AcrossBanks_EdgesGoToTheInputsBankOnly()
    {
        var wiring = new GpioWiring();
        var bank0 = new SimulatedGpioBank("bank0", 32, wiring);
        var bank1 = new SimulatedGpioBank("bank1", 8, wiring, 0xFF);
        wiring.Connect(bank0, 4, bank1, 2);
        using var edges0 = new EdgeRecorder(bank0);
        using var edges1 = new EdgeRecorder(bank1);
        bank0.EnableEdges(uint.MaxValue, uint.MaxValue);
        bank1.EnableEdges(0xFF, 0xFF);
        bank0.SetDirections(1u << 4, 1u << 4);

        bank0.WriteOutputs(1u << 4, 1u << 4);

        Assert.Empty(edges0.Reports);
        Assert.Equal(new[] { (1u << 2, 0u) }, edges1.Reports);
    }

    [Fact]
    public void Wiring_FanOut_DrivesEveryInput()
    {
        var wiring = new GpioWiring();
        var bank = new SimulatedGpioBank("bank0", 8, wiring);
        wiring.Connect(bank, 0, bank, 1);
        wiring.Connect(bank, 0, bank, 2);
        bank.SetDirections(1, 1);

        bank.WriteOutputs(1, 1);

        Assert.Equal(0b111u, bank.ReadInputs() & 0b111);
    }

    [Fact]
    public void Wiring_ReversedDirection_DrivesTheOtherWay()
    {
        var wiring = new GpioWiring();
        var bank = new SimulatedGpioBank("bank0", 8, wiring);
        wiring.Connect(bank, 4, bank, 5);
        bank.SetDirections(0b11_0000, 0b10_0000);

        bank.WriteOutputs(1u << 5, 1u << 5);

        Assert.Equal(0b11_0000u, bank.ReadInputs() & 0b11_0000);
    }

    [Fact]
    public void Wiring_BothEndsOutputs_EachReadsItsLatch()
    {
        var wiring = new GpioWiring();
        var bank = new SimulatedGpioBank("bank0", 8, wiring);
        wiring.Connect(bank, 0, bank, 1);
        bank.SetDirections(0b11, 0b11);

        bank.WriteOutputs(0b11, 0b01);

        Assert.Equal(0b01u, bank.ReadInputs() & 0b11);
    }

    [Fact]
    public void Wiring_WireBeatsExternalDrive_AndDisconnectFreesTheInput()
    {
        var wiring = new GpioWiring();
        var bank = new SimulatedGpioBank("bank0", 8, wiring);
        var wire = wiring.Connect(bank, 4, bank, 5);
        bank.SetDirections(1u << 4, 1u << 4);
        bank.DriveExternally(5, true);
        Assert.Equal(0u, bank.ReadInputs() & (1u << 5));

        Assert.True(wiring.Disconnect(wire));

        Assert.Equal(1u << 5, bank.ReadInputs() & (1u << 5));
        Assert.Empty(wiring.Wires);
    }

    [Fact]
    public void Connect_BankOfAnotherWiring_Throws()
    {
        var wiring = new GpioWiring();
        var bank = new SimulatedGpioBank("bank0", 8, wiring);
        var stranger = new SimulatedGpioBank("other", 8);

        Assert.Throws<ArgumentException>(() => wiring.Connect(bank, 0, stranger, 0));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(-1)]
    public void Connect_PinOutsideBank_Throws(int pin)
    {
        var wiring = new GpioWiring();
        var bank = new SimulatedGpioBank("bank0", 8, wiring);

        Assert.Throws<ArgumentOutOfRangeException>(() => wiring.Connect(bank, 0, bank, pin));
    }

    [Fact]
    public void Connect_SamePinTwice_Throws()
    {
        var wiring = new GpioWiring();
        var bank = new SimulatedGpioBank("bank0", 8, wiring);

        Assert.Throws<ArgumentException>(() => wiring.Connect(bank, 3, bank, 3));
    }

    [Fact]
    public void EdgeHandler_CallingBackIntoTheBank_DoesNotDeadlock()
    {
        var wiring = new GpioWiring();
        var bank = new SimulatedGpioBank("bank0", 8, wiring);
        wiring.Connect(bank, 0, bank, 1);
        bank.SetDirections(1, 1);
        bank.EnableEdges(0b10, 0);
        uint seen = 0;
        bank.EdgeDetected += (rising, falling) => seen = bank.ReadInputs();

        bank.WriteOutputs(1, 1);

        Assert.Equal(0b11u, seen & 0b11);
    }
}
