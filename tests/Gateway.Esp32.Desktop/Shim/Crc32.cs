extern alias DesktopHashing;

namespace System.IO.Hashing
{
    /// <summary>
    /// nanoFramework.System.IO.Hashing 1.0.x's Crc32 (static <c>HashToUInt32(SpanByte)</c>, <c>Append</c>,
    /// <c>Reset</c>, <c>GetCurrentHashAsUInt32</c>) for the desktop compile of NativeCrc32, computed by .NET's
    /// System.IO.Hashing. Like the device's native call it refuses a span longer than 32,767 bytes, so a caller
    /// that forgets to feed long buffers in pieces fails here too.
    /// </summary>
    internal class Crc32
    {
        /// <summary>The longest span nanoFramework's native CRC takes.</summary>
        public const int MaxSpan = 32767;

        private readonly DesktopHashing::System.IO.Hashing.Crc32 running = new DesktopHashing::System.IO.Hashing.Crc32();

        public void Append(byte[] source) => Append(new SpanByte(source));

        public void Append(SpanByte source) => running.Append(Checked(source));

        public void Reset() => running.Reset();

        public uint GetCurrentHashAsUInt32() => running.GetCurrentHashAsUInt32();

        public static uint HashToUInt32(SpanByte source) => DesktopHashing::System.IO.Hashing.Crc32.HashToUInt32(Checked(source));

        private static ReadOnlySpan<byte> Checked(SpanByte source)
        {
            if (source.Length > MaxSpan)
            {
                throw new ArgumentException($"nanoFramework's native CRC takes at most {MaxSpan} bytes at once, not {source.Length}");
            }

            return source;
        }
    }
}
