using Gateway.Devices.Hal;
using Gateway.Protocol.Platform;
using Gateway.ResourceManager;

namespace Gateway.Devices.Boards
{
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
}
