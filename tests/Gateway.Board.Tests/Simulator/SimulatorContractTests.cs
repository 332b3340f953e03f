using Gateway.Board.Emulated.Simulator;
using Gateway.Board.Tests.Hal;
using Gateway.Devices.Hal;

namespace Gateway.Board.Tests.Simulator;

/// <summary>The GPIO contract over the emulated board's wire: bank0 output 4 looped to input 5.</summary>
public sealed class SimulatedGpioBankContractTests : GpioBankContract
{
    protected override LoopbackFixture CreateLoopback()
    {
        var wiring = new GpioWiring();
        var bank0 = new SimulatedGpioBank("bank0", 32, wiring);
        wiring.Connect(bank0, 4, bank0, 5);
        return new LoopbackFixture(bank0, 4, bank0, 5);
    }
}

/// <summary>The GPIO contract over a wire between two banks: bank1 pin 0 (8 pins) to bank0 pin 7.</summary>
public sealed class SimulatedCrossBankContractTests : GpioBankContract
{
    protected override LoopbackFixture CreateLoopback()
    {
        var wiring = new GpioWiring();
        var bank0 = new SimulatedGpioBank("bank0", 32, wiring);
        var bank1 = new SimulatedGpioBank("bank1", 8, wiring, presentPins: 0xFF);
        wiring.Connect(bank1, 0, bank0, 7);
        return new LoopbackFixture(bank1, 0, bank0, 7);
    }
}

/// <summary>The SPI contract over the simulated bus: EEPROM on CS0, loopback on CS1.</summary>
public sealed class SimulatedSpiBusContractTests : SpiBusContract
{
    protected override ISpiBus CreateBus(out int loopbackChipSelect)
    {
        var bus = new SimulatedSpiBus(2);
        bus.Attach(0, new Eeprom25LC256(new SimulatedClock()));
        bus.Attach(1, new SpiLoopbackDevice());
        loopbackChipSelect = 1;
        return bus;
    }
}
