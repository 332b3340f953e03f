using Gateway.Devices.Hal;
using Gateway.Protocol.Platform;
using Gateway.ResourceManager;

namespace Gateway.Devices.Boards
{
    /// <summary>A GPIO bank of the board: its name under /dev/gpio, its HAL, and its physical window (0 = none).</summary>
    public sealed class GpioBankDefinition
    {
        public string Name;
        public IGpioBank Bank;
        public ulong PhysicalBase;

        public GpioBankDefinition(string name, IGpioBank bank, ulong physicalBase)
        {
            Name = name;
            Bank = bank;
            PhysicalBase = physicalBase;
        }
    }

    /// <summary>A test wire the board declares in /fw/map (e.g. bank0 output pin 4 looped to input pin 5).</summary>
    public sealed class WireDeclaration
    {
        public string FromBank;
        public int FromPin;
        public string ToBank;
        public int ToPin;

        public WireDeclaration(string fromBank, int fromPin, string toBank, int toPin)
        {
            FromBank = fromBank;
            FromPin = fromPin;
            ToBank = toBank;
            ToPin = toPin;
        }
    }

    /// <summary>An SPI device the board declares on a chip select of spi0 (in /fw/map).</summary>
    public sealed class SpiDeviceDeclaration
    {
        public int ChipSelect;
        public string Device;
        public int Size;
        public int PageSize;
        public int AddressBytes;

        public SpiDeviceDeclaration(int chipSelect, string device, int size, int pageSize, int addressBytes)
        {
            ChipSelect = chipSelect;
            Device = device;
            Size = size;
            PageSize = pageSize;
            AddressBytes = addressBytes;
        }

        /// <summary>The boards' test EEPROM (hardware-docs/wiring.md): a Microchip 25LC256, 32 KiB, 64-byte pages, 2 address bytes.</summary>
        public static SpiDeviceDeclaration Eeprom25LC256(int chipSelect)
        {
            return new SpiDeviceDeclaration(chipSelect, "25LC256", 32768, 64, 2);
        }
    }

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
