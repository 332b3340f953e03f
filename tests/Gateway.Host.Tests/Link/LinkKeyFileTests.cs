using System;
using System.IO;
using System.Text;
using Gateway.Host.Link;
using Gateway.Protocol.Link;

namespace Gateway.Host.Tests.Link;

public sealed class LinkKeyFileTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("gateway-keys-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Resolve_OptionGiven_WinsOverTheEnvironment()
    {
        string? path = LinkKeyFile.Resolve("/opt/board.key", _ => "/env/board.key");

        Assert.Equal("/opt/board.key", path);
    }

    [Fact]
    public void Resolve_NoOption_UsesGatewayKeyFile()
    {
        string? asked = null;

        string? path = LinkKeyFile.Resolve(null, name => { asked = name; return "/env/board.key"; });

        Assert.Equal(("GATEWAY_KEY_FILE", "/env/board.key"), (asked, path));
    }

    [Fact]
    public void Resolve_Neither_ReturnsNull()
    {
        Assert.Null(LinkKeyFile.Resolve("", _ => null));
    }

    [Fact]
    public void Load_OneTrailingNewline_IsNotPartOfTheKey()
    {
        string path = Path.Combine(dir, "board.key");
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes(DevelopmentKey.Text + "\n"));

        byte[] key = LinkKeyFile.Load(path);

        Assert.Equal(DevelopmentKey.Create(), key);
    }

    [Fact]
    public void Load_TooShort_ThrowsNamingTheFileButNotTheKey()
    {
        string path = Path.Combine(dir, "short.key");
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes("secret-bits"));

        var e = Assert.Throws<LinkException>(() => LinkKeyFile.Load(path));

        Assert.Contains(path, e.Message);
        Assert.DoesNotContain("secret-bits", e.Message);
    }

    [Fact]
    public void Load_Missing_ThrowsLinkException()
    {
        Assert.Throws<LinkException>(() => LinkKeyFile.Load(Path.Combine(dir, "absent.key")));
    }

    [Fact]
    public void PermissionWarning_ReadableByOthers_Warns()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Null(LinkKeyFile.PermissionWarning(dir));
            return;
        }

        string open = Path.Combine(dir, "open.key");
        string closed = Path.Combine(dir, "closed.key");
        File.WriteAllBytes(open, new byte[32]);
        File.WriteAllBytes(closed, new byte[32]);
        File.SetUnixFileMode(open, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        File.SetUnixFileMode(closed, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Contains("chmod 600", LinkKeyFile.PermissionWarning(open));
        Assert.Null(LinkKeyFile.PermissionWarning(closed));
    }

    [Fact]
    public void DevelopmentKey_IsTheDocumented32AsciiBytes()
    {
        // 67 61 74 65 77 61 79 2d … "gateway-development-key-00000000"
        byte[] key = DevelopmentKey.Create();

        Assert.Equal(32, key.Length);
        Assert.Equal("gateway-development-key-00000000", Encoding.ASCII.GetString(key));
    }

    [Fact]
    public void HostIds_SameName_SameIdAndDifferentNamesDiffer()
    {
        Assert.Equal(HostIds.FromName("harness"), HostIds.FromName("harness"));
        Assert.NotEqual(HostIds.FromName("harness"), HostIds.FromName("other"));
        Assert.Equal(16, HostIds.Default().Length);
    }
}
