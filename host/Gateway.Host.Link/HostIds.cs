using System;
using System.Security.Cryptography;
using System.Text;

namespace Gateway.Host.Link;

/// <summary>Host ids: 16 bytes naming a host to the board, so a restarted host replaces its own old session (RM-5).</summary>
public static class HostIds
{
    /// <summary>SHA-256 of "gateway-host-id", the machine name and the user name, first 16 bytes: stable across restarts.</summary>
    public static byte[] Default() => FromName($"{Environment.MachineName}\0{Environment.UserName}");

    /// <summary>A host id derived from any name (e.g. one per harness instance that must not replace another).</summary>
    public static byte[] FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes("gateway-host-id\0" + name));
        return hash.AsSpan(0, 16).ToArray();
    }
}
