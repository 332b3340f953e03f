using System;
using System.Security.Cryptography;
using Gateway.Protocol.Platform;

namespace Gateway.Protocol.Desktop.Platform;

/// <summary>
/// HMAC-SHA-256 through the BCL (<see cref="HMACSHA256"/>) with a key held privately. Thread-safe: every call uses
/// the static one-shot API. The key never appears in <see cref="ToString"/> or any message.
/// </summary>
public sealed class BclHmac : IHmac
{
    private readonly byte[] key;

    public BclHmac(ReadOnlySpan<byte> key)
    {
        if (key.IsEmpty)
        {
            throw new ArgumentException("the key must not be empty", nameof(key));
        }

        this.key = key.ToArray();
    }

    public void Compute(byte[] data, int offset, int count, byte[] mac, int macOffset)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(mac);
        int written = HMACSHA256.HashData(key, data.AsSpan(offset, count), mac.AsSpan(macOffset, HMACSHA256.HashSizeInBytes));
        if (written != HMACSHA256.HashSizeInBytes)
        {
            throw new CryptographicException("HMAC-SHA-256 wrote an unexpected length");
        }
    }

    public override string ToString() => $"HMAC-SHA-256 ({key.Length}-byte key)";
}
