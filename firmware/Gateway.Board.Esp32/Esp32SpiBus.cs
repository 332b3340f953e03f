using System;
using System.Device.Spi;
using Gateway.Devices.Hal;

namespace Gateway.Board.Esp32
{
    /// <summary>
    /// An SPI bus of the ESP32 through nanoFramework's SpiDevice: chip select n is GPIO
    /// <c>chipSelectGpios[n]</c> on bus <c>busId</c> (the board routes MOSI/MISO/SCLK with
    /// Configuration.SetPinFunction first). One SpiDevice per chip select, made again only when the mode
    /// or clock changes. 8-bit words only: other word sizes answer UnsupportedWordSize. Devices come from an
    /// <see cref="SpiDeviceOpener"/> (<c>SpiDevice.Create</c> on the chip), so CI runs this very file over a
    /// simulated SpiDevice with .NET's System.Device.Spi (tests/Gateway.Board.Tests/Esp32).
    /// </summary>
    public sealed class Esp32SpiBus : ISpiBus
    {
        private readonly SpiDeviceOpener _open;
        private readonly int _busId;
        private readonly int[] _chipSelectGpios;
        private readonly SpiDevice[] _devices;
        private readonly int[] _modes;
        private readonly int[] _clocks;
        private readonly object _gate = new object();

        public Esp32SpiBus(int busId, int[] chipSelectGpios)
            : this(busId, chipSelectGpios, SpiDevice.Create)
        {
        }

        public Esp32SpiBus(int busId, int[] chipSelectGpios, SpiDeviceOpener open)
        {
            _open = open;
            _busId = busId;
            _chipSelectGpios = chipSelectGpios;
            _devices = new SpiDevice[chipSelectGpios.Length];
            _modes = new int[chipSelectGpios.Length];
            _clocks = new int[chipSelectGpios.Length];
        }

        public int ChipSelectCount
        {
            get { return _chipSelectGpios.Length; }
        }

        public SpiResult Transfer(int chipSelect, int mode, int clockHz, int wordBits,
            byte[] tx, int txOffset, byte[] rx, int rxOffset, int count)
        {
            SpiResult check = SpiTransferCheck.Validate(_chipSelectGpios.Length, chipSelect, mode, clockHz, wordBits,
                tx, txOffset, rx, rxOffset, count);
            if (check != SpiResult.Done || count == 0)
            {
                return check;
            }

            if (wordBits != 8)
            {
                return SpiResult.UnsupportedWordSize;
            }

            lock (_gate)
            {
                try
                {
                    SpiDevice device = DeviceFor(chipSelect, mode, clockHz);
                    device.TransferFullDuplex(new SpanByte(tx, txOffset, count), new SpanByte(rx, rxOffset, count));
                    return SpiResult.Done;
                }
                catch (Exception)
                {
                    // The driver reports failures as exceptions; the HAL answers a result.
                    Forget(chipSelect);
                    return SpiResult.ControllerFailed;
                }
            }
        }

        private SpiDevice DeviceFor(int chipSelect, int mode, int clockHz)
        {
            SpiDevice device = _devices[chipSelect];
            if (device != null && _modes[chipSelect] == mode && _clocks[chipSelect] == clockHz)
            {
                return device;
            }

            Forget(chipSelect);
            SpiConnectionSettings settings = new SpiConnectionSettings(_busId, _chipSelectGpios[chipSelect]);
            settings.Mode = ModeOf(mode);
            settings.ClockFrequency = clockHz;
            settings.DataBitLength = 8;
            settings.DataFlow = DataFlow.MsbFirst;
            device = _open(settings);
            _devices[chipSelect] = device;
            _modes[chipSelect] = mode;
            _clocks[chipSelect] = clockHz;
            return device;
        }

        private void Forget(int chipSelect)
        {
            if (_devices[chipSelect] != null)
            {
                _devices[chipSelect].Dispose();
                _devices[chipSelect] = null;
            }
        }

        private static SpiMode ModeOf(int mode)
        {
            switch (mode)
            {
                case 1: return SpiMode.Mode1;
                case 2: return SpiMode.Mode2;
                case 3: return SpiMode.Mode3;
                default: return SpiMode.Mode0;
            }
        }
    }
}
