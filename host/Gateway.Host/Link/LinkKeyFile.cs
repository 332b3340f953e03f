using System;
using System.IO;

namespace Gateway.Host.Link;

/// <summary>
/// Key provisioning on the host (hardware-docs/link.md §6): <c>--key-file PATH</c>, else the environment variable
/// <c>GATEWAY_KEY_FILE</c>. A key file holds the raw key bytes (16 … 1024), nothing else: no newline is trimmed.
/// </summary>
public static class LinkKeyFile
{
    public const string EnvironmentVariable = "GATEWAY_KEY_FILE";
    public const int MinLength = 16;
    public const int MaxLength = 1024;

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

    /// <summary>Reads a key file; throws <see cref="LinkException"/> naming the file (never its content) when unusable.</summary>
    public static byte[] Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] key;
        try
        {
            key = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LinkException($"cannot read the key file {path}: {e.Message}", e);
        }

        if (key.Length < MinLength || key.Length > MaxLength)
        {
            throw new LinkException($"the key file {path} holds {key.Length} bytes; a key is {MinLength} … {MaxLength} bytes");
        }

        return key;
    }

    /// <summary>A warning when others than the owner may read the key file (Unix), else null.</summary>
    public static string? PermissionWarning(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        UnixFileMode mode = File.GetUnixFileMode(path);
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        return (mode & others) != 0 ? $"the key file {path} is readable or writable by others; chmod 600 it" : null;
    }
}
