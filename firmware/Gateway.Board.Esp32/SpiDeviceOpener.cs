using System.Device.Spi;

namespace Gateway.Board.Esp32
{
    /// <summary>Opens the SpiDevice of one chip select with the given settings (<c>SpiDevice.Create</c> on the chip).</summary>
    public delegate SpiDevice SpiDeviceOpener(SpiConnectionSettings settings);
}
