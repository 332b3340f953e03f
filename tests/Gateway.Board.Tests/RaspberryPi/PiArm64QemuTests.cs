using System;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using Gateway.Board.RaspberryPi;

namespace Gateway.Board.Tests.RaspberryPi;

/// <summary>
/// The published arm64 gateway-pi under qemu-aarch64-static: it starts, parses, refuses bad keys with the fix, and
/// reports the GPIO chip it cannot find, exactly as the x64 build does — and the file is the trimmed single file
/// the README promises, needing only the C and C++ runtimes of the Pi's OS.
/// </summary>
[Trait("Category", "Arm64")]
[SupportedOSPlatform("linux")]
public sealed class PiArm64QemuTests : IClassFixture<PiArm64Fixture>, IDisposable
{
    private readonly PiArm64Fixture pi;
    private readonly string dir = Directory.CreateTempSubdirectory("gateway-arm64-").FullName;

    public PiArm64QemuTests(PiArm64Fixture pi)
    {
        this.pi = pi;
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private void Ready()
    {
        Skip.If(pi.SkipReason != null, pi.SkipReason);
        Assert.True(pi.PublishError == null, pi.PublishError);
    }

    private string Key(UnixFileMode mode, string? name = null)
    {
        string path = Path.Combine(dir, name ?? "board.key");
        File.WriteAllText(path, "0123456789abcdef0123456789abcdef\n");
        File.SetUnixFileMode(path, mode);
        return path;
    }

    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [SkippableFact]
    public void Published_TrimmedSingleFile_NeedsOnlyTheCAndCppRuntimes()
    {
        Ready();

        Assert.Equal(new[] { "gateway-pi" }, Array.ConvertAll(Directory.GetFiles(pi.PublishDir), Path.GetFileName));
        long size = new FileInfo(pi.Binary).Length;
        Assert.InRange(size, 1, 20L * 1024 * 1024); // untrimmed it is 81 MB
        Assert.Equal(
            new[] { "ld-linux-aarch64.so.1", "libc.so.6", "libdl.so.2", "libgcc_s.so.1", "libm.so.6", "libpthread.so.0", "librt.so.1", "libstdc++.so.6" },
            PiArm64Fixture.Needed(pi.Binary).Order().ToArray());
    }

    [SkippableFact]
    public void Help_UnderQemu_Exits0WithTheUsage()
    {
        Ready();

        var (code, output, _) = pi.Run(null, "--help");

        Assert.Equal(PiApp.ExitStopped, code);
        Assert.Contains("--model auto|pi4|pi5", output);
        Assert.Contains("Exit codes:", output);
    }

    [SkippableFact]
    public void UnknownOption_UnderQemu_Exits2()
    {
        Ready();

        var (code, _, errors) = pi.Run(null, "--frobnicate");

        Assert.Equal(PiApp.ExitUsage, code);
        Assert.Contains("unknown option --frobnicate", errors);
    }

    [SkippableFact]
    public void KeyReadableByOthers_UnderQemu_Exits3NamingChmod()
    {
        Ready();
        string key = Key(Mode0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var (code, _, errors) = pi.Run(null, "--key-file", key);

        Assert.Equal(PiApp.ExitSetup, code);
        Assert.Contains("has mode 0644; it must be 0600", errors);
        Assert.DoesNotContain("0123456789abcdef", errors);
    }

    [SkippableFact]
    public void KeyOwnedByRoot_RunAsAnotherUser_Exits3NamingTheChown()
    {
        Ready();
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        string key = Key(Mode0600);
        Skip.If(Environment.UserName != "root", "needs root, to run the app as another user (setpriv)");

        var (code, _, errors) = pi.Run(PiArm64Fixture.Nobody, "--key-file", key);

        Assert.Equal(PiApp.ExitSetup, code);
        Assert.Contains("belongs to root (uid 0)", errors);
        Assert.Contains("runs as nobody (uid 65534)", errors);
        Assert.Contains($"sudo chown nobody: {key}", errors);
    }

    [SkippableFact]
    public void KeyInAFolderClosedToTheUser_RunAsAnotherUser_Exits3SayingSo()
    {
        Ready();
        string key = Key(Mode0600); // dir is 0700 root: nobody cannot enter it
        Skip.If(Environment.UserName != "root", "needs root, to run the app as another user (setpriv)");

        var (code, _, errors) = pi.Run(PiArm64Fixture.Nobody, "--key-file", key);

        Assert.Equal(PiApp.ExitSetup, code);
        Assert.Contains("cannot be reached by nobody (uid 65534)", errors);
        Assert.DoesNotContain("does not exist", errors);
    }

    [SkippableFact]
    public void GpiochipThatIsNotOne_UnderQemu_Exits3NamingIt()
    {
        Ready();
        string key = Key(Mode0600);

        var (code, _, errors) = pi.Run(null, "--key-file", key, "--gpiochip", "/dev/null");

        Assert.Equal(PiApp.ExitSetup, code);
        Assert.Contains("/dev/null is not a GPIO chip", errors);
    }

    [SkippableFact]
    public void ChipDiscovery_NoDeviceTreeNoChip_UnderQemu_Exits3WithBothLabels()
    {
        Ready();
        Skip.If(Directory.GetFiles("/dev", "gpiochip*").Length > 0, "this machine has GPIO chips");
        string key = Key(Mode0600);

        var (code, _, errors) = pi.Run(null, "--key-file", key);

        Assert.Equal(PiApp.ExitSetup, code);
        Assert.Contains("no GPIO chip labelled pinctrl-bcm2711 (Raspberry Pi 4) or pinctrl-rp1 (Raspberry Pi 5)", errors);
    }
}
