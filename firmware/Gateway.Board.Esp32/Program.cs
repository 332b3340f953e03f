using System.Device.Gpio;
using System.Threading;

namespace Gateway.Board.Esp32
{
    /// <summary>
    /// The ESP32 board app: board pins, HAL adapters, key, clock. Choose the board in <see cref="Board"/>.
    /// </summary>
    public static class Program
    {
        /// <summary>The board this image is built for (boards/esp32-devkitc or boards/esp32-s3-devkitc).</summary>
        private static BoardPins Board()
        {
            return BoardPins.DevKitC();
        }

        public static void Main()
        {
            DebugLog log = new DebugLog();
            BoardPins pins = Board();
            pins.ApplyPinFunctions();

            byte[] key = BoardKey.Load();
            if (key == null)
            {
                log.Warn("no link key: this image was not provisioned (boards/" + pins.Model + "/README.md)");
                Thread.Sleep(Timeout.Infinite);
            }

            NanoHmac hmac = new NanoHmac(key);
            Esp32Clock clock = new Esp32Clock();
            GpioController gpio = new GpioController();
            Esp32GpioBank bank0 = new Esp32GpioBank(gpio, pins.Bank0Gpios);
            Esp32SpiBus spi0 = new Esp32SpiBus(BoardPins.SpiBusId, pins.SpiChipSelects);
            SerialByteStream link = new SerialByteStream(BoardPins.LinkPort, BoardConfig.LinkBaud, BoardConfig.LinkReadBuffer);
            log.Info(BoardConfig.Name + " " + BoardConfig.FirmwareVersion + " on " + pins.Model);

            // TODO(integrator): compose the board here, as the emulated board does, with the limits of
            // BoardConfig (1 session, window 2, MaxBody, 16 OCBs, 32-bit, preferred form T32_2001):
            //   - the regions of Gateway.Devices over bank0 (IGpioBank, 8 pins, present 0xFF), spi0 (ISpiBus,
            //     CS0 = 25LC256, CS1 free) and clock, declaring in /fw/map the loopback wire bank0 pin 4 -> pin 5,
            //     the EEPROM on CS0, and the /dev/mem window BoardConfig.Bank0WindowAddress/Size = bank0;
            //   - the resource manager over those regions;
            //   - the link session engine over link (IByteStream), hmac (IHmac), clock (IClock) and log,
            //     run on this thread.
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
