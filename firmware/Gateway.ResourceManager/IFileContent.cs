namespace Gateway.ResourceManager
{
    /// <summary>
    /// The bytes of a read-only file produced on read instead of kept in RAM (the ESP32's /fw images): a resource
    /// whose <see cref="ResourceAttr.Data"/> is null and whose <see cref="ResourceAttr.Device"/> is one of these is
    /// read by <see cref="IoFunc.ReadDefault"/> through it. The content must be the same bytes at every read, as a
    /// stored image would be (READ_FROM_CACHE, RM-18), and producing it must not allocate.
    /// </summary>
    public interface IFileContent
    {
        /// <summary>Writes the <paramref name="count"/> bytes at <paramref name="offset"/> (inside the file's size) into <paramref name="target"/>.</summary>
        void CopyTo(long offset, byte[] target, int targetOffset, int count);
    }
}
