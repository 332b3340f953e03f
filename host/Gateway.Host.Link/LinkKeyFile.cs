using Gateway.Protocol.Desktop.Platform;
using System;
using System.IO;

namespace Gateway.Host.Link;

/// <summary>
/// Key provisioning on the host (hardware-docs/link.md §6): <c>--key-file PATH</c>, else the environment variable
/// <c>GATEWAY_KEY_FILE</c>. A key file holds the key bytes; one trailing newline is not part of the key (the rule of <see cref="KeyFile"/>).
/// </summary>
public static class LinkKeyFile
{
    public const string EnvironmentVariable = "GATEWAY_KEY_FILE";

    /// <summary>
    /// The key file to use: <paramref name="keyFileOption"/> when given, else <c>GATEWAY_KEY_FILE</c>, else null (the
    /// caller then uses the development key for emu:/pty: targets, or fails).
    /// </summary>
    public static string? Resolve(string? keyFileOption, Func<string, string?>? environment = null)
    {
        if (!string.IsNullOrEmpty(keyFileOption))
        {
            return keyFileOption;
        }

        string? fromEnvironment = (environment ?? Environment.GetEnvironmentVariable)(EnvironmentVariable);
        return string.IsNullOrEmpty(fromEnvironment) ? null : fromEnvironment;
    }

    /// <summary>
    /// Reads a key file with the rule every node shares (<see cref="KeyFile"/>: one trailing newline is not part of
    /// the key, at least 16 bytes); throws <see cref="LinkException"/> naming the file (never its content).
    /// </summary>
    public static byte[] Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!KeyFile.TryLoad(path, requirePrivate: false, out byte[] key, out string? error))
        {
            throw new LinkException(error ?? $"cannot use the key file {path}");
        }

        return key;
    }

    /// <summary>A warning when others than the owner may read the key file (Unix), else null.</summary>
    public static string? PermissionWarning(string path) => KeyFile.PermissionWarning(path);
}
