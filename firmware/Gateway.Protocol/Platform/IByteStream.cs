namespace Gateway.Protocol.Platform
{
    /// <summary>
    /// The board's view of a link's byte stream (a UART, a USB gadget tty, a TCP connection, an in-memory pipe).
    /// Synchronous with millisecond timeouts, as board code is (architecture.md, Conventions).
    /// </summary>
    public interface IByteStream
    {
        /// <summary>
        /// Reads up to <paramref name="count"/> bytes, waiting at most <paramref name="timeoutMs"/> for the first.
        /// Returns the number read, 0 on timeout, or -1 when the stream has closed.
        /// </summary>
        int Read(byte[] buffer, int offset, int count, int timeoutMs);

        /// <summary>Writes all <paramref name="count"/> bytes (blocking). Throws only when the stream is closed.</summary>
        void Write(byte[] buffer, int offset, int count);

        /// <summary>Closes the stream; a blocked <see cref="Read"/> returns -1.</summary>
        void Close();
    }
}
