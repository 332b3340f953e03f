namespace Gateway.Protocol.Platform
{
    /// <summary>
    /// HMAC-SHA-256 with the board's pre-shared key (link.md): the BCL's on .NET,
    /// nanoFramework.System.Security.Cryptography on the ESP32. The key never leaves the implementation.
    /// </summary>
    public interface IHmac
    {
        /// <summary>Computes HMAC-SHA-256 over <paramref name="count"/> bytes into 32 bytes at <paramref name="macOffset"/>.</summary>
        void Compute(byte[] data, int offset, int count, byte[] mac, int macOffset);
    }
}
