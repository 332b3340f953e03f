using System;
using System.IO;

namespace Gateway.Protocol.Desktop.Platform;

/// <summary>
/// A pre-shared link key from a file (link.md), one rule for every desktop node (the Raspberry Pi app, the
/// emulated board, the host's <c>--key-file</c>): the file holds the key bytes; one trailing newline (LF or
/// CR LF) is not part of the key, so a key written with <c>echo</c> or <c>openssl rand -hex 32</c> works;
/// 16 … 1,024 key bytes (hardware-docs/link.md §6). A board (<c>requirePrivate</c>) refuses a file that is not mode 0600 (or 0400) before
/// reading a byte; the host only warns (<see cref="PermissionWarning"/>). Errors name the file and the fix,
/// never the key.
/// </summary>
public static class KeyFile
{
    /// <summary>The shortest key accepted (128 bits).</summary>
    public const int MinKeyBytes = 16;

    /// <summary>The longest key accepted.</summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>Anything larger is not a key file: the longest key and its CR LF.</summary>
    public const int MaxFileBytes = MaxKeyBytes + 2;

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private const UnixFileMode Special = UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.StickyBit;

    /// <summary>Loads the key or explains in <paramref name="error"/> why the file was refused.</summary>
    public static bool TryLoad(string path, out byte[] key, out string? error) => TryLoad(path, true, out key, out error);

    /// <summary>Loads the key (checking the mode when <paramref name="requirePrivate"/>) or explains why not.</summary>
    public static bool TryLoad(string path, bool requirePrivate, out byte[] key, out string? error)
    {
        key = Array.Empty<byte>();
        error = Check(path, requirePrivate);
        if (error != null)
        {
            return false;
        }

        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (UnauthorizedAccessException)
        {
            error = ExplainUnreadable(path, UnixIdentity.Ownership(path), UnixIdentity.CurrentUid);
            return false;
        }
        catch (IOException e)
        {
            error = $"key file {path} cannot be read: {e.Message}";
            return false;
        }

        int length = content.Length;
        if (length > 0 && content[length - 1] == (byte)'\n')
        {
            length--;
            if (length > 0 && content[length - 1] == (byte)'\r')
            {
                length--;
            }
        }

        if (length < MinKeyBytes)
        {
            Array.Clear(content);
            error = $"key file {path} holds {length} key bytes; at least {MinKeyBytes} are needed";
            return false;
        }

        if (length > MaxKeyBytes)
        {
            Array.Clear(content);
            error = $"key file {path} holds {length} key bytes; at most {MaxKeyBytes} are allowed";
            return false;
        }

        key = content.AsSpan(0, length).ToArray();
        Array.Clear(content);
        return true;
    }

    /// <summary>Loads the key; throws <see cref="InvalidDataException"/> with the reason when refused.</summary>
    public static byte[] Load(string path, bool requirePrivate = true)
    {
        if (!TryLoad(path, requirePrivate, out byte[] key, out string? error))
        {
            throw new InvalidDataException(error);
        }

        return key;
    }

    /// <summary>A warning when others than the owner may read or write the key file (Unix), else null.</summary>
    public static string? PermissionWarning(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return null;
        }

        UnixFileMode mode = File.GetUnixFileMode(path);
        return (mode & GroupOrOther) != 0 ? $"the key file {path} is readable or writable by others; chmod 600 it" : null;
    }

    /// <summary>Null when the file may hold a key, else why not.</summary>
    private static string? Check(string path, bool requirePrivate)
    {
        var info = new FileInfo(path);
        if (Directory.Exists(path))
        {
            return $"key file {path} is a directory";
        }

        if (!info.Exists)
        {
            // A folder above it that this user may not enter hides the file: say so, not "does not exist".
            try
            {
                using var probe = File.OpenHandle(path);
            }
            catch (UnauthorizedAccessException)
            {
                return ExplainUnreadable(path, UnixIdentity.Ownership(path), UnixIdentity.CurrentUid);
            }
            catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException)
            {
                // Really missing (or not a path at all).
            }

            return $"key file {path} does not exist";
        }

        if (requirePrivate && OperatingSystem.IsWindows())
        {
            return $"key files need Unix permissions; {path} is on Windows";
        }

        UnixFileMode mode = OperatingSystem.IsWindows() ? UnixFileMode.UserRead : File.GetUnixFileMode(path);
        if (requirePrivate && ((mode & (GroupOrOther | Special | UnixFileMode.UserExecute)) != 0 || (mode & UnixFileMode.UserRead) == 0))
        {
            return $"key file {path} has mode {Octal(mode)}; it must be 0600 (run: chmod 600 {path})";
        }

        if (info.Length > MaxFileBytes)
        {
            return $"key file {path} is {info.Length} bytes; a key file holds at most {MaxFileBytes}";
        }

        return null;
    }

    /// <summary>
    /// Why a key file this process may not read was refused, with the fix: a file owned by another user (the
    /// usual case: written by root for a service that runs as its own user) is named with both users and the
    /// chown that fixes it; otherwise a folder above it is closed to this user.
    /// </summary>
    public static string ExplainUnreadable(string path, FileOwnership? owner, uint currentUid)
    {
        string me = UnixIdentity.DescribeUser(currentUid);
        if (owner == null)
        {
            string folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/";
            return $"key file {path} cannot be reached by {me}: permission denied on the file or a folder above it " +
                $"(check with: sudo -u {UnixIdentity.NameOf("/etc/passwd", currentUid) ?? "#" + currentUid} ls -l {path}; ls -ld {folder})";
        }

        if (owner.Uid != currentUid)
        {
            string user = UnixIdentity.NameOf("/etc/passwd", currentUid) ?? currentUid.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return $"key file {path} belongs to {UnixIdentity.DescribeUser(owner.Uid)} (mode {Octal(owner.Mode)}), and this process runs as {me}, " +
                $"which may not read it; give it to that user: sudo chown {user}: {path}";
        }

        return $"key file {path} is owned by {me} but its mode {Octal(owner.Mode)} does not let the owner read it (run: chmod 600 {path})";
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode, 8).PadLeft(3, '0');
}
