// Declarations only: nanoFramework.System.IO.Hashing 1.0.x, lib\nanoFramework.System.IO.Hashing.dll. CRC-32/IEEE,
// computed natively (the ESP32's ROM CRC); a span over 32,767 bytes must be fed in pieces.
namespace System.IO.Hashing
{
    public class Crc32
    {
        public Crc32() { }
        public void Append(byte[] source) { }
        public void Append(SpanByte source) { }
        public void Reset() { }
        public uint GetCurrentHashAsUInt32() { throw null; }
        public static uint HashToUInt32(SpanByte source) { throw null; }
    }
}
