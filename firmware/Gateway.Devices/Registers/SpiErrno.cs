using Gateway.Devices.Hal;
using Gateway.Protocol.Qnx;

namespace Gateway.Devices.Registers
{
    /// <summary>
    /// The one place a HAL <see cref="SpiResult"/> becomes a QNX errno: the value /dev/spi0/ctl's ERROR register
    /// shows and its SPI error event carries (hardware-docs/hal.md, register-maps.md "spi-control").
    /// </summary>
    public static class SpiErrno
    {
        public static int Of(SpiResult result)
        {
            switch (result)
            {
                case SpiResult.Done: return Errno.EOK;
                case SpiResult.NoSuchChipSelect: return Errno.ENXIO;
                case SpiResult.InvalidTransfer: return Errno.EINVAL;
                case SpiResult.UnsupportedWordSize: return Errno.EINVAL;
                default: return Errno.EIO; // ControllerFailed, and anything a future HAL adds: a transfer error
            }
        }
    }
}
