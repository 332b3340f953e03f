using System;
using Gateway.Protocol.Platform;

namespace Gateway.Protocol.Desktop.Platform;

/// <summary>
/// The link CRC on desktops: System.IO.Hashing's CRC-32 (IEEE, vectorised), the same function as the board's
/// table CRC. Emulated and Raspberry Pi boards and the host's link client pass it.
/// </summary>
public sealed class SystemCrc32 : ICrc32
{
    /// <summary>The one instance (it holds no state).</summary>
    public static readonly SystemCrc32 Instance = new();

    private SystemCrc32()
    {
    }

    public uint Compute(byte[] data, int offset, int count) =>
        System.IO.Hashing.Crc32.HashToUInt32(data.AsSpan(offset, count));
}
