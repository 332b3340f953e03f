namespace Gateway.Protocol.Platform
{
    /// <summary>
    /// CRC-32/IEEE (reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF; "123456789" →
    /// 0xCBF43926) over a byte range: the check of every link frame. A platform passes its fastest implementation
    /// (the ESP32's ROM CRC through nanoFramework, System.IO.Hashing on desktops); the table CRC is the fallback.
    /// </summary>
    public interface ICrc32
    {
        /// <summary>The CRC-32 of <paramref name="count"/> bytes of <paramref name="data"/> at <paramref name="offset"/>.</summary>
        uint Compute(byte[] data, int offset, int count);
    }
}
