using System;
using System.Security.Cryptography;
using Gateway.Protocol.Platform;

namespace Gateway.Board.RaspberryPi;

/// <summary>HMAC-SHA-256 with the board's key through the BCL (allocation-free per call).</summary>
public sealed class Sha256Hmac : IHmac
{
    private readonly byte[] key;

    public Sha256Hmac(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        this.key = (byte[])key.Clone();
    }

    public void Compute(byte[] data, int offset, int count, byte[] mac, int macOffset) =>
        HMACSHA256.HashData(this.key, data.AsSpan(offset, count), mac.AsSpan(macOffset, HMACSHA256.HashSizeInBytes));

    /// <summary>Never shows the key.</summary>
    public override string ToString() => "HMAC-SHA-256 (key hidden)";
}
