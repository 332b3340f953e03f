using System;
using System.IO;
using Gateway.Protocol.Link;

namespace Gateway.Cli.Tests.Board;

/// <summary>Key files for TCP targets, written once per test run with mode 0600 (no permission warning).</summary>
public static class KeyFiles
{
    private static readonly Lazy<string> Development = new(() => Write("development", DevelopmentKey.Text));

    private static readonly Lazy<string> Wrong = new(() => Write("wrong", "not-the-key-of-this-board-000000"));

    /// <summary>The development key of boards/emulated, as a file.</summary>
    public static string DevelopmentKeyFile => Development.Value;

    /// <summary>A well-formed key the emulated board does not hold.</summary>
    public static string WrongKeyFile => Wrong.Value;

    private static string Write(string name, string key)
    {
        string dir = Path.Combine(Path.GetTempPath(), "gateway-cli-tests-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, name + ".key");
        File.WriteAllText(path, key);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }
}
