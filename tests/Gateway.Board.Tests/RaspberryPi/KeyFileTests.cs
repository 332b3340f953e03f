using Gateway.Protocol.Desktop.Platform;
using System;
using System.IO;
using System.Text;
using Gateway.Board.RaspberryPi;

namespace Gateway.Board.Tests.RaspberryPi;

public sealed class KeyFileTests : IDisposable
{
    private const string Secret = "0123456789abcdef-secret-material";
    private readonly string dir = Directory.CreateTempSubdirectory("gateway-key-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string KeyFileWith(string content, UnixFileMode mode)
    {
        string path = Path.Combine(dir, "board.key");
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes(content));
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("key files are a Linux (Pi) concern");
        }

        File.SetUnixFileMode(path, mode);
        return path;
    }

    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void TryLoad_Mode0600_ReturnsTheKeyBytes()
    {
        string path = KeyFileWith(Secret, Mode0600);

        Assert.True(KeyFile.TryLoad(path, out byte[] key, out string? error), error);
        Assert.Equal(Encoding.ASCII.GetBytes(Secret), key);
    }

    [Fact]
    public void TryLoad_Mode0400_IsAccepted()
    {
        string path = KeyFileWith(Secret, UnixFileMode.UserRead);

        Assert.True(KeyFile.TryLoad(path, out _, out string? error), error);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void TryLoad_OneTrailingNewline_IsNotPartOfTheKey(string newline)
    {
        string path = KeyFileWith(Secret + newline, Mode0600);

        Assert.True(KeyFile.TryLoad(path, out byte[] key, out _));
        Assert.Equal(Encoding.ASCII.GetBytes(Secret), key);
    }

    [Theory]
    [InlineData(0b110_100_100, "0644")]
    [InlineData(0b110_100_000, "0640")]
    [InlineData(0b110_000_100, "0604")]
    [InlineData(0b111_000_000, "0700")]
    [InlineData(0b110_110_110, "0666")]
    [InlineData(0b010_000_000, "0200")]
    public void TryLoad_ModeOtherThan0600_IsRefusedNamingModeAndFix(int mode, string octal)
    {
        string path = KeyFileWith(Secret, (UnixFileMode)mode);

        Assert.False(KeyFile.TryLoad(path, out byte[] key, out string? error));

        Assert.Empty(key);
        Assert.Contains(octal, error);
        Assert.Contains("chmod 600", error);
        Assert.Contains(path, error);
        Assert.DoesNotContain("secret", error);
    }

    [Fact]
    public void Load_RefusedFile_ThrowsInvalidDataWithTheReason()
    {
        string path = KeyFileWith(Secret, (UnixFileMode)0b110_100_100);

        var e = Assert.Throws<InvalidDataException>(() => KeyFile.Load(path));

        Assert.Contains("0644", e.Message);
    }

    [Fact]
    public void TryLoad_Missing_SaysSo()
    {
        string path = Path.Combine(dir, "absent.key");

        Assert.False(KeyFile.TryLoad(path, out _, out string? error));
        Assert.Contains("does not exist", error);
    }

    [Fact]
    public void TryLoad_Directory_SaysSo()
    {
        Assert.False(KeyFile.TryLoad(dir, out _, out string? error));
        Assert.Contains("directory", error);
    }

    [Fact]
    public void TryLoad_ShortKey_IsRefusedWithoutShowingIt()
    {
        string path = KeyFileWith("tiny-key\n", Mode0600);

        Assert.False(KeyFile.TryLoad(path, out _, out string? error));
        Assert.Contains($"at least {KeyFile.MinKeyBytes}", error);
        Assert.DoesNotContain("tiny-key", error);
    }

    [Fact]
    public void TryLoad_Oversized_IsRefused()
    {
        string path = KeyFileWith(new string('k', KeyFile.MaxFileBytes + 1), Mode0600);

        Assert.False(KeyFile.TryLoad(path, out _, out string? error));
        Assert.Contains("at most", error);
    }
}
