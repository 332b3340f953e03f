using System;
using System.IO;

namespace Gateway.Board.RaspberryPi;

/// <summary>
/// The board's pre-shared link key from a file (system.md §3). The file must be a regular file of mode
/// 0600 (or the stricter 0400): readable by its owner and nobody else; otherwise it is refused before
/// a byte is read. It holds the key bytes; one trailing newline (LF or CR LF) is not part of the key,
/// so a key written with <c>echo</c> works. Errors name the file and the fix, never the key.
/// </summary>
public static class KeyFile
{
    /// <summary>The shortest key accepted (128 bits).</summary>
    public const int MinKeyBytes = 16;

    /// <summary>Anything larger is not a key file.</summary>
    public const int MaxFileBytes = 4096;

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private const UnixFileMode Special = UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.StickyBit;

    /// <summary>Loads the key or explains in <paramref name="error"/> why the file was refused.</summary>
    public static bool TryLoad(string path, out byte[] key, out string? error)
    {
        key = Array.Empty<byte>();
        error = Check(path);
        if (error != null)
        {
            return false;
        }

        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
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

        key = content.AsSpan(0, length).ToArray();
        Array.Clear(content);
        return true;
    }

    /// <summary>Loads the key; throws <see cref="InvalidDataException"/> with the reason when refused.</summary>
    public static byte[] Load(string path)
    {
        if (!TryLoad(path, out byte[] key, out string? error))
        {
            throw new InvalidDataException(error);
        }

        return key;
    }

    /// <summary>Null when the file may hold a key, else why not.</summary>
    private static string? Check(string path)
    {
        var info = new FileInfo(path);
        if (Directory.Exists(path))
        {
            return $"key file {path} is a directory";
        }

        if (!info.Exists)
        {
            return $"key file {path} does not exist";
        }

        if (OperatingSystem.IsWindows())
        {
            return $"key files need Unix permissions; {path} is on Windows";
        }

        UnixFileMode mode = File.GetUnixFileMode(path);
        if ((mode & (GroupOrOther | Special | UnixFileMode.UserExecute)) != 0 || (mode & UnixFileMode.UserRead) == 0)
        {
            return $"key file {path} has mode {Octal(mode)}; it must be 0600 (run: chmod 600 {path})";
        }

        if (info.Length > MaxFileBytes)
        {
            return $"key file {path} is {info.Length} bytes; a key file holds at most {MaxFileBytes}";
        }

        return null;
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode, 8).PadLeft(3, '0');
}
