// Declarations only: nanoFramework.System.Device.Spi (System.Device.Spi namespace).
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

    public enum SpiBusConfiguration
    {
        FullDuplex = 0,
        HalfDuplex = 1,
        SimplexTransmit = 2,
        SimplexReceive = 3,
    }

    public sealed class SpiConnectionSettings
    {
        public SpiConnectionSettings(int busId, int chipSelectLine = -1) { }
        public SpiConnectionSettings(SpiConnectionSettings other) { }
        public int BusId { get { throw null; } set { } }
        public int ChipSelectLine { get { throw null; } set { } }
        public SpiMode Mode { get { throw null; } set { } }
        public int DataBitLength { get { throw null; } set { } }
        public int ClockFrequency { get { throw null; } set { } }
        public DataFlow DataFlow { get { throw null; } set { } }
        public bool ChipSelectLineActiveState { get { throw null; } set { } }
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
