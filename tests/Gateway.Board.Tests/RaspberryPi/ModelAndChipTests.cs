using System;
using System.IO;
using Gateway.Board.RaspberryPi;
using Gateway.Board.RaspberryPi.Gpio;
using Gateway.Protocol.Desktop.Platform;

namespace Gateway.Board.Tests.RaspberryPi;

/// <summary>
/// Which Pi this is (the device tree's compatible strings) and which GPIO chip is its header, with the message for
/// each way that goes wrong: the other Pi's chip, a chip this user may not open, no chip at all.
/// </summary>
public sealed class ModelAndChipTests : IDisposable
{
    private const int EACCES = 13;
    private const uint Dialout = 20; // present in Debian's /etc/group
    private readonly string dir = Directory.CreateTempSubdirectory("gateway-dt-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Compatible(string content)
    {
        string path = Path.Combine(dir, "compatible");
        File.WriteAllText(path, content);
        return path;
    }

    [Theory]
    [InlineData("raspberrypi,5-model-b\0brcm,bcm2712\0", PiModel.Pi5)]
    [InlineData("raspberrypi,5-model-b\0brcm,bcm2712d0\0", PiModel.Pi5)]
    [InlineData("raspberrypi,500\0brcm,bcm2712\0", PiModel.Pi5)]
    [InlineData("raspberrypi,5-compute-module\0brcm,bcm2712\0", PiModel.Pi5)]
    [InlineData("raspberrypi,4-model-b\0brcm,bcm2711\0", PiModel.Pi4)]
    [InlineData("raspberrypi,400\0brcm,bcm2711\0", PiModel.Pi4)]
    [InlineData("raspberrypi,4-compute-module\0brcm,bcm2711\0", PiModel.Pi4)]
    public void FromDeviceTree_RaspberryPiCompatible_NamesTheModel(string compatible, PiModel model)
    {
        Assert.Equal(model, PiModelDetection.FromDeviceTree(Compatible(compatible), out string found));
        Assert.StartsWith("raspberrypi,", found);
    }

    [Theory]
    [InlineData("raspberrypi,3-model-b\0brcm,bcm2837\0")]
    [InlineData("qemu,virt\0")]
    [InlineData("")]
    public void FromDeviceTree_OtherBoard_IsNull(string compatible)
    {
        Assert.Null(PiModelDetection.FromDeviceTree(Compatible(compatible), out _));
    }

    [Fact]
    public void FromDeviceTree_NoDeviceTree_IsNullSayingSo()
    {
        Assert.Null(PiModelDetection.FromDeviceTree(Path.Combine(dir, "missing"), out string found));
        Assert.StartsWith("no device tree", found);
    }

    private static GpioChipProbe Chip(string path, string label) => new(path, new GpioChipDescription(path, Path.GetFileName(path), label, 54), 0, null);

    private static bool Choose(GpioChipProbe[] probes, PiModel? model, out GpioChipDescription? chip, out PiModel resolved, out string? error, params uint[] groups) =>
        GpioChipChoice.TryChoose(probes, model, 1000, groups, out chip, out resolved, out error);

    [Fact]
    public void TryChoose_EarlyPi5Kernel_FindsRp1OnGpiochip4()
    {
        var probes = new[] { Chip("/dev/gpiochip0", "gpio-brcmstb@107d508500"), Chip("/dev/gpiochip1", "gpio-brcmstb@107d517c00"), Chip("/dev/gpiochip4", "pinctrl-rp1") };

        Assert.True(Choose(probes, PiModel.Pi5, out var chip, out var model, out string? error), error);
        Assert.Equal("/dev/gpiochip4", chip!.Path);
        Assert.Equal(PiModel.Pi5, model);
    }

    [Fact]
    public void TryChoose_NoModelKnown_TheLabelDecides()
    {
        var probes = new[] { Chip("/dev/gpiochip0", "pinctrl-rp1"), Chip("/dev/gpiochip10", "rp1-something") };

        Assert.True(Choose(probes, null, out var chip, out var model, out _));
        Assert.Equal("/dev/gpiochip0", chip!.Path);
        Assert.Equal(PiModel.Pi5, model);
    }

    [Fact]
    public void TryChoose_Pi4AskedOnAPi5_NamesModelPi5()
    {
        var probes = new[] { Chip("/dev/gpiochip0", "pinctrl-rp1") };

        Assert.False(Choose(probes, PiModel.Pi4, out _, out _, out string? error));
        Assert.Contains("no GPIO chip labelled pinctrl-bcm2711", error);
        Assert.Contains("/dev/gpiochip0 is pinctrl-rp1", error);
        Assert.Contains("give --model pi5", error);
    }

    [Fact]
    public void TryChoose_PermissionDeniedWithoutTheGroup_SaysWhichGroupToJoin()
    {
        var owner = new FileOwnership(0, Dialout, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
        var probes = new[] { new GpioChipProbe("/dev/gpiochip0", null, EACCES, owner), new GpioChipProbe("/dev/gpiochip1", null, EACCES, owner) };

        Assert.False(Choose(probes, PiModel.Pi4, out _, out _, out string? error));
        Assert.Contains("permission denied on /dev/gpiochip0 and 1 more", error);
        Assert.Contains("group dialout (gid 20), mode 0660", error);
        Assert.Contains("without group dialout", error);
        Assert.Contains("usermod -aG dialout", error);
        Assert.Contains("SupplementaryGroups=dialout", error);
        Assert.DoesNotContain("no GPIO chip labelled", error);
    }

    [Fact]
    public void TryChoose_PermissionDeniedThoughTheGroupIsHeld_PointsAtTheUnitsDevicePolicy()
    {
        var owner = new FileOwnership(0, Dialout, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
        var probes = new[] { new GpioChipProbe("/dev/gpiochip0", null, EACCES, owner) };

        Assert.False(Choose(probes, PiModel.Pi5, out _, out _, out string? error, Dialout));
        Assert.Contains("DeviceAllow=", error);
    }

    [Fact]
    public void TryChoose_ChipOnlyRootMayOpen_PointsAtTheUdevRule()
    {
        var owner = new FileOwnership(0, 0, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var probes = new[] { new GpioChipProbe("/dev/gpiochip0", null, EACCES, owner) };

        Assert.False(Choose(probes, PiModel.Pi4, out _, out _, out string? error));
        Assert.Contains("only root may open it", error);
        Assert.Contains("udev rule", error);
    }

    [Fact]
    public void TryChoose_NoChipsAtAll_SaysSo()
    {
        Assert.False(Choose(Array.Empty<GpioChipProbe>(), PiModel.Pi5, out _, out _, out string? error));
        Assert.Contains("labelled pinctrl-rp1 (Raspberry Pi 5)", error);
        Assert.Contains("no /dev/gpiochip* at all", error);
    }
}
