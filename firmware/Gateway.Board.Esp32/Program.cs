using System.Device.Gpio;
using System.Threading;
using Gateway.Devices.Boards;
using Gateway.Devices.Hal;
using Gateway.Protocol.Link;
using BuiltBoard = Gateway.Devices.Boards.Board;

namespace Gateway.Board.Esp32
{
    /// <summary>
    /// The ESP32 board app: pins, HAL adapters and key, then the composition every board shares (as the emulated
    /// board does): BoardDefinition → BoardNamespace.Build → BoardLink → events and /fw/status → served on the
    /// link UART (COM2) on this thread. Choose the board in <see cref="Board"/>.
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

            BuiltBoard board = BoardNamespace.Build(Definition(pins, bank0, spi0), clock, log);
            BoardLinkConfig config = BoardLinkConfig.Esp32();
            config.BoardName = pins.Model;
            config.BoardModel = pins.Description;
            config.FirmwareVersion = BoardConfig.FirmwareVersion;
            config.Crc = new NativeCrc32();
            BoardLink link = new BoardLink(config, board.Rm, hmac, clock, log, BootId.Create());
            board.Events.Target = link;
            board.Status.AddSource(new LinkStatusSource(link));
            board.Status.AddSource(new EventStatusSource(link));
            log.Info(BoardConfig.Name + " " + BoardConfig.FirmwareVersion + " on " + pins.Model + ": serving the link on " + BoardPins.LinkPort);

            // The UART never ends by itself; should it be closed (a driver error), open it again.
            while (true)
            {
                SerialByteStream stream = new SerialByteStream(BoardPins.LinkPort, BoardConfig.LinkBaud, BoardConfig.LinkReadBuffer);
                link.ServeLine(stream);
                stream.Close();
                log.Warn("link: " + BoardPins.LinkPort + " closed; opening it again");
                Thread.Sleep(BoardConfig.ReopenDelayMs);
            }
        }

        /// <summary>What this board serves: the ESP32 sizes (larger with PSRAM), bank0 with its /dev/mem window, spi0 and the fitted test items.</summary>
        private static BoardDefinition Definition(BoardPins pins, IGpioBank bank0, ISpiBus spi0)
        {
            BoardDefinition d = pins.Psram ? BoardDefinition.Esp32WithPsram() : BoardDefinition.Esp32();
            d.Name = pins.Model;
            d.Model = pins.Description;
            d.FirmwareVersion = BoardConfig.FirmwareVersion;
            d.Banks = new GpioBankDefinition[] { new GpioBankDefinition("bank0", bank0, BoardConfig.Bank0WindowAddress) };
            d.Spi = spi0;
            if (pins.EepromFitted)
            {
                d.SpiDevices = new SpiDeviceDeclaration[] { SpiDeviceDeclaration.Eeprom25LC256(chipSelect: 0) };
            }

            if (pins.LoopbackFitted)
            {
                d.Wiring = new WireDeclaration[] { new WireDeclaration(fromBank: "bank0", fromPin: 4, toBank: "bank0", toPin: 5) };
            }

            return d;
        }
    }
}
