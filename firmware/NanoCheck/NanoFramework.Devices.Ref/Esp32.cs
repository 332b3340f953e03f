// Declarations only: nanoFramework.Hardware.Esp32 (pin muxing of the ESP32 GPIO matrix).
namespace nanoFramework.Hardware.Esp32
{
    /// <summary>Peripheral signals a GPIO can be routed to. Names as in the package; values are not the device's.</summary>
    public enum DeviceFunction
    {
        SPI1_MOSI,
        SPI1_MISO,
        SPI1_CLOCK,
        SPI2_MOSI,
        SPI2_MISO,
        SPI2_CLOCK,
        I2C1_DATA,
        I2C1_CLOCK,
        I2C2_DATA,
        I2C2_CLOCK,
        COM1_RX,
        COM1_TX,
        COM1_RTS,
        COM1_CTS,
        COM2_RX,
        COM2_TX,
        COM2_RTS,
        COM2_CTS,
        COM3_RX,
        COM3_TX,
        COM3_RTS,
        COM3_CTS,
    }

    public static class Configuration
    {
        public static void SetPinFunction(int pin, DeviceFunction function) { }
        public static int GetFunctionPin(DeviceFunction function) { throw null; }
    }
}
