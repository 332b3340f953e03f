using System.Security.Cryptography;

namespace Gateway.Protocol.Desktop.Platform;

/// <summary>Boot ids for desktop boards: 16 random bytes, fresh at every start (system.md §3).</summary>
public static class BootIds
{
    public static byte[] Create() => RandomNumberGenerator.GetBytes(16);
}
