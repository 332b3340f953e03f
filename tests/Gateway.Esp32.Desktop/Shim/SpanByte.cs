namespace System
{
    /// <summary>
    /// nanoFramework's System.SpanByte (mscorlib 1.17) for the desktop compile of the ESP32 adapters: a view of
    /// part of a byte array. It converts to the spans .NET's System.Device.Spi takes, so the adapter's
    /// <c>TransferFullDuplex(new SpanByte(…), new SpanByte(…))</c> compiles and runs unchanged.
    /// </summary>
    internal readonly struct SpanByte
    {
        private readonly byte[] array;
        private readonly int start;

        public SpanByte(byte[] array)
            : this(array, 0, array == null ? 0 : array.Length)
        {
        }

        public SpanByte(byte[] array, int start, int length)
        {
            if (array == null)
            {
                if (start != 0 || length != 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(start));
                }
            }
            else if (start < 0 || length < 0 || start > array.Length - length)
            {
                throw new ArgumentOutOfRangeException(nameof(length));
            }

            this.array = array;
            this.start = start;
            Length = length;
        }

        public int Length { get; }

        public static implicit operator SpanByte(byte[] array) => new SpanByte(array);

        public static implicit operator Span<byte>(SpanByte s) => new Span<byte>(s.array, s.start, s.Length);

        public static implicit operator ReadOnlySpan<byte>(SpanByte s) => new ReadOnlySpan<byte>(s.array, s.start, s.Length);
    }
}
