using Gateway.Devices.Hal;
using Gateway.Protocol.Platform;
using Gateway.ResourceManager;

namespace Gateway.Devices.Boards
{
    /// <summary>
    /// Everything a board app tells the shared board code: names, limits, its HAL objects and what it declares
    /// (windows, wiring, SPI devices). <see cref="BoardNamespace.Build"/> turns it into the namespace of
    /// board-resources.md. Sizes default to the emulated board's; the ESP32 app sets smaller ones.
    /// </summary>
    public sealed class BoardDefinition
    {
        public string Name = "emulated";
        public string Model = "Gateway emulated board";
        public string FirmwareVersion = "0.1.0";
        public RmConfig Rm = new RmConfig();

        public GpioBankDefinition[] Banks = new GpioBankDefinition[0];
        public ISpiBus Spi;
        public SpiDeviceDeclaration[] SpiDevices = new SpiDeviceDeclaration[0];
        public WireDeclaration[] Wiring = new WireDeclaration[0];

        public int ShmemSize = 65536;
        public int RemovableSize = 65536;
        public int DataRamBudget = 256 * 1024;
        public int ConsoleCapacity = 256;

        /// <summary>The size of the one-page starting files of /data (grpexec, ownerexec, private, sticky, form32).</summary>
        public int DataFileSize = 4096;

        /// <summary>The size of /noexec/tool.</summary>
        public int NoExecToolSize = 4096;

        /// <summary>Where /dev/ser1 writes go (null: counted and dropped).</summary>
        public IByteStream ConsoleOutput;

        /// <summary>
        /// The ESP32 without PSRAM (boards/esp32-devkitc, "Memory": a WROOM-32's ~100 KiB managed heap):
        /// <see cref="RmConfig.Esp32"/> (1 session, 16 OCBs, a 32-bit board), /dev/shmem/scratch and
        /// /dev/removable0 one page each, /data 16 KiB of RAM whose starting files take 14,336 (app two pages, the
        /// permission and stat-form files 1 KiB each, notes 1 KiB), /noexec/tool 1 KiB and a 128-byte console. The
        /// app adds its name, HAL objects and declarations.
        /// </summary>
        public static BoardDefinition Esp32()
        {
            BoardDefinition d = new BoardDefinition();
            d.Name = "esp32";
            d.Model = "ESP32";
            d.Rm = RmConfig.Esp32();
            d.ShmemSize = 4096;
            d.RemovableSize = 4096;
            d.DataRamBudget = 16 * 1024;
            d.DataFileSize = 1024;
            d.NoExecToolSize = 1024;
            d.ConsoleCapacity = 128;
            return d;
        }

        /// <summary>
        /// An ESP32 module with PSRAM (ESP32-WROVER, ESP32-S3 …R2/R8): the ESP32's limits with the emulated board's
        /// region and file sizes (64 KiB shmem and removable, 256 KiB /data, one-page files).
        /// </summary>
        public static BoardDefinition Esp32WithPsram()
        {
            BoardDefinition d = Esp32();
            d.ShmemSize = 65536;
            d.RemovableSize = 65536;
            d.DataRamBudget = 256 * 1024;
            d.DataFileSize = 4096;
            d.NoExecToolSize = 4096;
            return d;
        }
    }
}
