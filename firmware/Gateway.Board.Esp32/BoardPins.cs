using nanoFramework.Hardware.Esp32;

namespace Gateway.Board.Esp32
{
    /// <summary>
    /// The pin assignment of one ESP32 board (boards/esp32-devkitc, boards/esp32-s3-devkitc): which ESP32
    /// GPIO each bank pin is, the SPI bus and its chip selects, and the link UART. GPIO numbers are the
    /// chip's (GPIOn), as printed on the DevKitC silkscreen.
    /// </summary>
    public sealed class BoardPins
    {
        /// <summary>nanoFramework's name of the UART that carries the link.</summary>
        public const string LinkPort = "COM2";

        /// <summary>nanoFramework's SPI bus 1 (its SPI1_* pin functions).</summary>
        public const int SpiBusId = 1;

        /// <summary>The board folder's name (boards/…), served as the board name in HELLO and /fw/info.</summary>
        public string Model;

        /// <summary>The board as a person names it, served as the model.</summary>
        public string Description;

        /// <summary>
        /// The test items fitted on this board (hardware-docs/wiring.md): the loopback wire bank0 pin 4 → pin 5 and
        /// the 25LC256 on CS0. Set false for a board built without one; /fw/map then leaves it out and the harness
        /// skips its checks.
        /// </summary>
        public bool LoopbackFitted = true;
        public bool EepromFitted = true;

        /// <summary>
        /// The module has PSRAM (ESP32-WROVER, ESP32-S3 …R2/R8), so nanoFramework's heap is large: the board serves
        /// the emulated board's region and /data sizes (<c>BoardDefinition.Esp32WithPsram</c>). False for the
        /// WROOM-32 on the DevKitC and the S3-DevKitC-1 N8: a heap of ~100 KiB (boards/esp32-devkitc, "Memory").
        /// </summary>
        public bool Psram;

        public int[] Bank0Gpios;
        public int SpiMosi;
        public int SpiMiso;
        public int SpiClock;
        public int[] SpiChipSelects;
        public int LinkTx;
        public int LinkRx;

        /// <summary>
        /// ESP32-DevKitC (ESP32-WROOM-32): bank0 = GPIO 13,14,21,22,25,26,27,32 (loopback wire pin 4 → 5 =
        /// GPIO25 → GPIO26); SPI1 SCLK 18, MISO 19, MOSI 23, CS0 5, CS1 4; link COM2 TX 17, RX 16.
        /// </summary>
        public static BoardPins DevKitC()
        {
            BoardPins p = new BoardPins();
            p.Model = "esp32-devkitc";
            p.Description = "ESP32-DevKitC (ESP32-WROOM-32)";
            p.Bank0Gpios = new int[] { 13, 14, 21, 22, 25, 26, 27, 32 };
            p.SpiClock = 18;
            p.SpiMiso = 19;
            p.SpiMosi = 23;
            p.SpiChipSelects = new int[] { 5, 4 };
            p.LinkTx = 17;
            p.LinkRx = 16;
            return p;
        }

        /// <summary>
        /// ESP32-S3-DevKitC-1: bank0 = GPIO 4,5,6,7,15,16,1,2 (loopback wire pin 4 → 5 = GPIO15 → GPIO16);
        /// SPI1 SCLK 12, MISO 13, MOSI 11, CS0 10, CS1 9; link COM2 TX 17, RX 18.
        /// </summary>
        public static BoardPins S3DevKitC()
        {
            BoardPins p = new BoardPins();
            p.Model = "esp32-s3-devkitc";
            p.Description = "ESP32-S3-DevKitC-1";
            p.Bank0Gpios = new int[] { 4, 5, 6, 7, 15, 16, 1, 2 };
            p.SpiClock = 12;
            p.SpiMiso = 13;
            p.SpiMosi = 11;
            p.SpiChipSelects = new int[] { 10, 9 };
            p.LinkTx = 17;
            p.LinkRx = 18;
            return p;
        }

        /// <summary>Routes the SPI and UART signals through the GPIO matrix; call before opening them.</summary>
        public void ApplyPinFunctions()
        {
            Configuration.SetPinFunction(SpiMosi, DeviceFunction.SPI1_MOSI);
            Configuration.SetPinFunction(SpiMiso, DeviceFunction.SPI1_MISO);
            Configuration.SetPinFunction(SpiClock, DeviceFunction.SPI1_CLOCK);
            Configuration.SetPinFunction(LinkTx, DeviceFunction.COM2_TX);
            Configuration.SetPinFunction(LinkRx, DeviceFunction.COM2_RX);
        }
    }
}
