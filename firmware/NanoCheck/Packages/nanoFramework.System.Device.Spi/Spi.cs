// Declarations only: nanoFramework.System.Device.Spi, lib\System.Device.Spi.dll. SpiBusConfiguration has Simplex
// (no SimplexTransmit/SimplexReceive); SpiConnectionSettings has no public copy constructor; the chip select's
// active state is a PinValue.
using System.Device.Gpio;

namespace System.Device.Spi
{
    public enum SpiMode
    {
        Mode0 = 0,
        Mode1 = 1,
        Mode2 = 2,
        Mode3 = 3,
    }

    public enum DataFlow
    {
        MsbFirst = 0,
        LsbFirst = 1,
    }

    public enum SpiSharingMode
    {
        Exclusive = 0,
        Shared = 1,
    }

    public enum SpiBusConfiguration
    {
        FullDuplex = 0,
        HalfDuplex = 1,
        Simplex = 2,
    }

    public sealed class SpiConnectionSettings
    {
        public SpiConnectionSettings(int busId, int chipSelectLine) { }
        public int BusId { get { throw null; } set { } }
        public int ChipSelectLine { get { throw null; } set { } }
        public SpiMode Mode { get { throw null; } set { } }
        public int DataBitLength { get { throw null; } set { } }
        public int ClockFrequency { get { throw null; } set { } }
        public DataFlow DataFlow { get { throw null; } set { } }
        public PinValue ChipSelectLineActiveState { get { throw null; } set { } }
        public SpiSharingMode SharingMode { get { throw null; } set { } }
        public SpiBusConfiguration Configuration { get { throw null; } set { } }
    }

    public class SpiDevice : IDisposable
    {
        public SpiDevice(SpiConnectionSettings settings) { }
        public static SpiDevice Create(SpiConnectionSettings settings) { throw null; }
        public SpiConnectionSettings ConnectionSettings { get { throw null; } }
        public byte ReadByte() { throw null; }
        public void Read(SpanByte buffer) { }
        public void Read(ushort[] buffer) { }
        public void WriteByte(byte value) { }
        public void Write(SpanByte buffer) { }
        public void Write(ushort[] buffer) { }
        public void TransferFullDuplex(SpanByte writeBuffer, SpanByte readBuffer) { }
        public void TransferFullDuplex(ushort[] writeBuffer, ushort[] readBuffer) { }
        public void Dispose() { }
    }
}
