using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Gateway.Board.RaspberryPi;

namespace Gateway.Board.Tests.RaspberryPi;

/// <summary>boards/raspberry-pi/gateway-pi.service: the directives a Pi 4 and a Pi 5 both need, and no restart loop.</summary>
public sealed class UnitFileTests
{
    private static readonly string UnitPath = Path.Combine(PiArm64Fixture.RepoRoot(), "boards", "raspberry-pi", "gateway-pi.service");

    private static List<(string Key, string Value)> Directives() =>
        File.ReadAllLines(UnitPath)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && l[0] != '#' && l[0] != '[' && l.Contains('='))
            .Select(l => (l[..l.IndexOf('=')], l[(l.IndexOf('=') + 1)..]))
            .ToList();

    private static string One(string key) => Assert.Single(Directives(), d => d.Key == key).Value;

    [Fact]
    public void ExecStart_NamesNoModel_AndParses()
    {
        string[] exec = One("ExecStart").Split(' ', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("/opt/gateway/gateway-pi", exec[0]);
        Assert.DoesNotContain("--model", exec);
        Assert.True(PiOptions.TryParse(exec[1..], out var options, out string? error), error);
        Assert.True(options.AutoModel);
    }

    [Fact]
    public void RestartPreventExitStatus_HoldsUsageAndSetupCodes()
    {
        Assert.Equal("on-failure", One("Restart"));
        var codes = One("RestartPreventExitStatus").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();

        Assert.Contains(PiApp.ExitUsage, codes);
        Assert.Contains(PiApp.ExitSetup, codes);
        Assert.DoesNotContain(PiApp.ExitFailed, codes);
    }

    [Fact]
    public void Devices_ClosedBut_TheChipsSpidevAndLinkTtys()
    {
        Assert.Equal("closed", One("DevicePolicy"));
        var allowed = Directives().Where(d => d.Key == "DeviceAllow").Select(d => d.Value).ToArray();

        Assert.Contains("char-gpiochip rw", allowed);
        Assert.Contains("char-spi rw", allowed);
        Assert.Contains("char-ttyGS rw", allowed);
        Assert.Contains("char-ttyAMA rw", allowed);
        Assert.Contains("char-ttyS rw", allowed);
        Assert.DoesNotContain(Directives(), d => d.Key == "PrivateDevices");
    }

    [Fact]
    public void Privileges_NoCapabilitiesAndOnlyInternetAndUnixSockets()
    {
        Assert.Equal("", One("CapabilityBoundingSet"));
        Assert.Equal("true", One("NoNewPrivileges"));
        Assert.Equal("AF_INET AF_INET6 AF_UNIX", One("RestrictAddressFamilies"));
        Assert.Equal("gateway", One("User"));
        Assert.Equal("gpio spi dialout", One("SupplementaryGroups"));
        // The JIT writes code and then runs it: this directive would stop the runtime.
        Assert.DoesNotContain(Directives(), d => d.Key == "MemoryDenyWriteExecute");
    }

    [Fact]
    public void SystemdAnalyzeVerify_KnowsEveryDirective()
    {
        var (which, _) = PiArm64Fixture.Exec("sh", "-c \"command -v systemd-analyze\"", TimeSpan.FromSeconds(10));
        if (which != 0)
        {
            return; // no systemd here: the directive tests above still hold
        }

        string dir = Directory.CreateTempSubdirectory("gateway-unit-").FullName;
        try
        {
            string unit = Path.Combine(dir, "gateway-pi.service");
            File.WriteAllText(unit, File.ReadAllText(UnitPath).Replace("/opt/gateway/gateway-pi", "/bin/true"));

            var (code, output) = PiArm64Fixture.Exec("systemd-analyze", $"verify \"{unit}\"", TimeSpan.FromSeconds(60));

            Assert.True(code == 0, output);
            Assert.DoesNotContain("Unknown", output);
            Assert.DoesNotContain("Failed to parse", output);
            Assert.DoesNotContain("Invalid", output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
