using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Spi;
using Iot.Device.Mcp23xxx;
using Iot.Device.Pcx857x;

namespace Gateway.Board.RaspberryPi.Gpio;

/// <summary>
/// Extra banks on the port expanders of Iot.Device.Bindings, each a <see cref="ControllerGpioBank"/> over its driver:
/// bank pin n is the expander's pin n. Declare them after bank0 in the banks given to <see cref="PiBoard.Compose"/>
/// (banks[1] is /dev/gpio/bank1, and so on; /fw/map lists each with its pins). hardware-docs/hal.md, "Controller
/// banks", says what such a bank cannot do atomically.
/// </summary>
public static class ExpanderBanks
{
    /// <summary>An MCP23017 (16 pins: port A = pins 0–7, port B = 8–15) at <paramref name="address"/> on I2C bus <paramref name="bus"/>.</summary>
    public static ControllerGpioBank Mcp23017(int bus, int address)
    {
        var device = I2cDevice.Create(new I2cConnectionSettings(bus, address));
        return Over(new Mcp23017(device), 16);
    }

    /// <summary>An MCP23S17 (16 pins) with hardware address <paramref name="address"/> (0–7, its A2–A0 pins; the driver names it 0x20 + address) on spidev bus/chip select.</summary>
    public static ControllerGpioBank Mcp23S17(int bus, int chipSelect, int address, int clockHz = 1_000_000)
    {
        var device = SpiDevice.Create(new SpiConnectionSettings(bus, chipSelect) { ClockFrequency = clockHz, Mode = SpiMode.Mode0 });
        return Over(new Mcp23s17(device, 0x20 | address), 16);
    }

    /// <summary>A PCF8574 (8 quasi-bidirectional pins, no pulls, no edge callbacks) at <paramref name="address"/> on I2C bus <paramref name="bus"/>.</summary>
    public static ControllerGpioBank Pcf8574(int bus, int address)
    {
        var device = I2cDevice.Create(new I2cConnectionSettings(bus, address));
        return Over(new Pcf8574(device), 8);
    }

    /// <summary>A bank of the first <paramref name="pinCount"/> pins of any System.Device.Gpio driver; the bank owns the driver.</summary>
    public static ControllerGpioBank Over(GpioDriver driver, int pinCount)
    {
        var pins = new int[pinCount];
        for (int i = 0; i < pinCount; i++)
        {
            pins[i] = i;
        }

        return new ControllerGpioBank(new GpioController(driver), pins, ownsController: true);
    }
}
