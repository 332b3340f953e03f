using System;
using System.IO;
using System.Threading;
using Gateway.Board.RaspberryPi;

namespace Gateway.Board.Tests.RaspberryPi;

/// <summary>The gateway-pi command up to the hardware (which this machine lacks): usage, key and device refusals, exit codes.</summary>
public sealed class PiAppTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("gateway-pi-app-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string KeyFile(UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("gateway-pi runs on Linux");
        }

        string path = Path.Combine(dir, "board.key");
        File.WriteAllText(path, "0123456789abcdef0123456789abcdef\n");
        File.SetUnixFileMode(path, mode);
        return path;
    }

    private static (int Code, string Output, string Errors) Run(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        using var stop = new CancellationTokenSource();
        stop.Cancel();
        int code = PiApp.Run(args, output, errors, stop.Token);
        return (code, output.ToString(), errors.ToString());
    }

    [Fact]
    public void Run_UnknownOption_Exits2WithTheReason()
    {
        var (code, _, errors) = Run("--frobnicate");

        Assert.Equal(2, code);
        Assert.Contains("unknown option --frobnicate", errors);
    }

    [Fact]
    public void Run_OptionsThatDoNotFit_Exits2BeforeTouchingTheKey()
    {
        var (code, _, errors) = Run("--bank0-lines", "5,6", "--key-file", Path.Combine(dir, "missing.key"));

        Assert.Equal(2, code);
        Assert.Contains("--no-loopback", errors);
    }

    [Fact]
    public void Run_Help_Exits0WithTheUsage()
    {
        var (code, output, _) = Run("--help");

        Assert.Equal(0, code);
        Assert.Contains("--serial PATH", output);
    }

    [Fact]
    public void Run_KeyFileReadableByOthers_Exits3NamingTheFix()
    {
        string key = KeyFile(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var (code, _, errors) = Run("--key-file", key);

        Assert.Equal(PiApp.ExitSetup, code);
        Assert.Contains("chmod 600", errors);
        Assert.DoesNotContain("0123456789abcdef", errors);
    }

    [Fact]
    public void Run_DevelopmentKeyAsItsKey_RefusesToStartAndExits3()
    {
        // Issue 12 item 3: the public development key only ever opens emulated boards; a real board refuses it.
        if (OperatingSystem.IsWindows())
        {
            return; // gateway-pi runs on Linux
        }

        string key = Path.Combine(dir, "dev.key");
        File.WriteAllText(key, Gateway.Protocol.Link.DevelopmentKey.Text + "\n");
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var (code, _, errors) = Run("--key-file", key);

        Assert.Equal(PiApp.ExitSetup, code);
        Assert.Contains("holds the public development key of the emulated board", errors);
        Assert.Contains("head -c 32 /dev/urandom", errors);
    }

    [Fact]
    public void Run_GpioChipThatIsNotOne_Exits3NamingTheDevice()
    {
        string key = KeyFile(UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var (code, _, errors) = Run("--key-file", key, "--gpiochip", "/dev/null");

        Assert.Equal(PiApp.ExitSetup, code);
        Assert.Contains("/dev/null is not a GPIO chip", errors);
    }

    private PiSystem FakeSystem(string? compatible, params string[] devFiles)
    {
        string dt = Path.Combine(dir, "compatible");
        if (compatible != null)
        {
            File.WriteAllText(dt, compatible);
        }

        string dev = Directory.CreateDirectory(Path.Combine(dir, "dev")).FullName;
        foreach (string f in devFiles)
        {
            File.WriteAllText(Path.Combine(dev, f), "");
        }

        return new PiSystem(dt, dev);
    }

    private (int Code, string Output, string Errors) RunOn(PiSystem system, params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        using var stop = new CancellationTokenSource();
        stop.Cancel();
        int code = PiApp.Run(args, output, errors, stop.Token, system);
        return (code, output.ToString(), errors.ToString());
    }

    [Fact]
    public void Run_Pi5DeviceTreeWithoutChips_Exits3NamingThePi5LabelAndTheMissingDevices()
    {
        string key = KeyFile(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var system = FakeSystem("raspberrypi,5-model-b\0brcm,bcm2712\0");

        var (code, _, errors) = RunOn(system, "--key-file", key);

        Assert.Equal(PiApp.ExitSetup, code);
        Assert.Contains("model: Raspberry Pi 5 (device tree: raspberrypi,5-model-b, brcm,bcm2712)", errors);
        Assert.Contains("no GPIO chip labelled pinctrl-rp1 (Raspberry Pi 5)", errors);
        Assert.Contains("no /dev/gpiochip* at all", errors);
    }

    [Fact]
    public void Run_Pi4DeviceTreeAndAFileThatIsNoChip_Exits3ListingWhatWasFound()
    {
        string key = KeyFile(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var system = FakeSystem("raspberrypi,4-model-b\0brcm,bcm2711\0", "gpiochip0");

        var (code, _, errors) = RunOn(system, "--key-file", key);

        Assert.Equal(PiApp.ExitSetup, code);
        Assert.Contains("no GPIO chip labelled pinctrl-bcm2711 (Raspberry Pi 4 Model B)", errors);
        Assert.Contains("gpiochip0 cannot be read (", errors);
        Assert.Contains("give --gpiochip", errors);
    }

    [Fact]
    public void Run_NoDeviceTree_SaysSoAndLooksForEitherLabel()
    {
        string key = KeyFile(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var system = FakeSystem(compatible: null);

        var (code, _, errors) = RunOn(system, "--key-file", key);

        Assert.Equal(PiApp.ExitSetup, code);
        Assert.Contains("not named by the device tree (no device tree", errors);
        Assert.Contains("labelled pinctrl-bcm2711 (Raspberry Pi 4) or pinctrl-rp1 (Raspberry Pi 5)", errors);
    }

}
