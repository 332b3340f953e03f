// Declarations only. Members of nanoFramework.CoreLibrary (mscorlib) 1.17 that only the ESP32 adapters
// use, kept here rather than in NanoFramework.Ref so the shared board code cannot reach them (they do
// not exist on .NET 10 in this shape). If the shared mscorlib reference ever declares one of these
// types, delete it here.
namespace System
{
    /// <summary>nanoFramework's span over a byte array (mscorlib, System.SpanByte).</summary>
    public struct SpanByte
    {
        public SpanByte(byte[] array) { }
        public SpanByte(byte[] array, int start, int length) { }
        public int Length { get { throw null; } }
        public bool IsEmpty { get { throw null; } }
        public byte this[int index] { get { throw null; } set { } }
        public static SpanByte Empty { get { throw null; } }
        public SpanByte Slice(int start) { throw null; }
        public SpanByte Slice(int start, int length) { throw null; }
        public byte[] ToArray() { throw null; }
        public void CopyTo(SpanByte destination) { }
        public static implicit operator SpanByte(byte[] array) { throw null; }
    }

    /// <summary>mscorlib's Environment: only the tick counter the board clock reads.</summary>
    public static class Environment
    {
        /// <summary>Milliseconds since the device started (never goes back).</summary>
        public static long TickCount64 { get { throw null; } }
    }
}
