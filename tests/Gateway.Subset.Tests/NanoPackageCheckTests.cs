using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Gateway.NanoCheck;

namespace Gateway.Subset.Tests;

/// <summary>
/// The ESP32 app's packages as the nanoFramework compile check judges them (nanoframework-subset.md): the nfproj's References,
/// packages.config and firmware/NanoCheck/NanoPackages.props must agree, and every pin must be a real release. The
/// rules run here over the repository's files and over copies with one mistake each; the last test builds a copy of
/// the firmware tree whose app calls outside nanoFramework's API and sees `dotnet build` fail.
/// </summary>
public sealed class NanoPackageCheckTests
{
    private static string Esp32(string file) => Path.Combine(BoardCodeSubsetTests.RepoRoot(), "firmware", "Gateway.Board.Esp32", file);

    private static List<NanoPackageSpec> Manifest()
    {
        var doc = XDocument.Load(Path.Combine(BoardCodeSubsetTests.RepoRoot(), "firmware", "NanoCheck", "NanoPackages.props"));
        return doc.Descendants("NanoPackage").Select(e => new NanoPackageSpec
        {
            Id = (string)e.Attribute("Include")!,
            Version = (string)e.Attribute("Version")!,
            Lib = (string)e.Attribute("Lib")!,
            Releases = ((string?)e.Attribute("Releases") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries),
            Requires = ((string?)e.Attribute("Requires") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries),
        }).ToList();
    }

    private static List<string> Check(Func<string, string>? packagesConfig = null, Func<string, string>? nfproj = null, Action<List<NanoPackageSpec>>? manifest = null)
    {
        var specs = Manifest();
        manifest?.Invoke(specs);
        string config = File.ReadAllText(Esp32("packages.config"));
        string project = File.ReadAllText(Esp32("Gateway.Board.Esp32.nfproj"));
        return NanoPackageRules.Check(specs, packagesConfig == null ? config : packagesConfig(config), nfproj == null ? project : nfproj(project));
    }

    private static string WithoutReference(string nfproj, string name)
    {
        var doc = XDocument.Parse(nfproj);
        var reference = doc.Descendants().Single(e => e.Name.LocalName == "Reference" && (string?)e.Attribute("Include") == name);
        reference.Remove();
        return doc.ToString();
    }

    private static string Replace(string text, string from, string to)
    {
        Assert.Contains(from, text);
        return text.Replace(from, to);
    }

    [Fact]
    public void Esp32App_AsCommitted_PassesThePackageRules()
    {
        Assert.Empty(Check());
    }

    [Fact]
    public void Esp32App_ReferencesTheRealRuntimeNativeForEnvironment()
    {
        var specs = Manifest();
        Assert.Contains(specs, s => s.Id == "nanoFramework.Runtime.Native" && s.Version == "1.7.11" && s.Lib == "nanoFramework.Runtime.Native.dll");
        Assert.Contains("packages\\nanoFramework.Runtime.Native.1.7.11\\lib\\nanoFramework.Runtime.Native.dll", File.ReadAllText(Esp32("Gateway.Board.Esp32.nfproj")));
    }

    [Fact]
    public void HintPath_WrongLibFile_IsRejected()
    {
        var errors = Check(nfproj: p => Replace(p, "1.0.35\\lib\\nanoFramework.System.Security.Cryptography.dll", "1.0.35\\lib\\System.Security.Cryptography.dll"));
        Assert.Contains(errors, e => e.Contains("ships lib\\nanoFramework.System.Security.Cryptography.dll"));
    }

    [Fact]
    public void Pin_VersionNeverReleased_IsRejected()
    {
        var errors = Check(
            packagesConfig: c => Replace(c, "\"nanoFramework.System.IO.Ports\" version=\"1.1.139\"", "\"nanoFramework.System.IO.Ports\" version=\"1.1.134\""),
            nfproj: p => Replace(p, "nanoFramework.System.IO.Ports.1.1.139", "nanoFramework.System.IO.Ports.1.1.134"),
            manifest: m => m.Single(s => s.Id == "nanoFramework.System.IO.Ports").Version = "1.1.134");
        Assert.Contains(errors, e => e.Contains("nanoFramework.System.IO.Ports 1.1.134 was never released"));
    }

    [Fact]
    public void HintPath_VersionOtherThanThePin_IsRejected()
    {
        var errors = Check(nfproj: p => Replace(p, "nanoFramework.System.Device.Gpio.1.1.57", "nanoFramework.System.Device.Gpio.1.1.58"));
        Assert.Contains(errors, e => e.Contains("names nanoFramework.System.Device.Gpio 1.1.58, packages.config pins 1.1.57"));
    }

    [Fact]
    public void Reference_MissingFromTheNfproj_IsRejected()
    {
        var errors = Check(nfproj: p => WithoutReference(p, "nanoFramework.Runtime.Native"));
        Assert.Contains(errors, e => e.Contains("nanoFramework.Runtime.Native is pinned in packages.config but the nfproj has no Reference"));
    }

    [Fact]
    public void Package_MissingFromPackagesConfig_IsRejected()
    {
        var errors = Check(packagesConfig: c => Replace(c, "<package id=\"nanoFramework.System.IO.Hashing\" version=\"1.0.40\" targetFramework=\"netnano1.0\" />", ""));
        Assert.Contains(errors, e => e.Contains("nanoFramework.System.IO.Hashing is missing from packages.config"));
        Assert.Contains(errors, e => e.Contains("nanoFramework.System.IO.Hashing is in the manifest but not in packages.config"));
    }

    [Fact]
    public void Package_UnknownToTheManifest_IsRejected()
    {
        var errors = Check(packagesConfig: c => Replace(c, "</packages>", "  <package id=\"nanoFramework.System.Math\" version=\"1.5.43\" targetFramework=\"netnano1.0\" />\n</packages>"));
        Assert.Contains(errors, e => e.Contains("names nanoFramework.System.Math 1.5.43, which the manifest"));
    }

    [Fact]
    public void Dependency_OlderThanThePinnedReleaseNeeds_IsRejected()
    {
        var errors = Check(
            packagesConfig: c => Replace(c, "\"nanoFramework.Runtime.Events\" version=\"1.11.37\"", "\"nanoFramework.Runtime.Events\" version=\"1.11.32\""),
            nfproj: p => Replace(p, "nanoFramework.Runtime.Events.1.11.37", "nanoFramework.Runtime.Events.1.11.32"),
            manifest: m => m.Single(s => s.Id == "nanoFramework.Runtime.Events").Version = "1.11.32");
        Assert.Contains(errors, e => e.Contains("nanoFramework.System.IO.Ports 1.1.139 needs nanoFramework.Runtime.Events >= 1.11.37; packages.config pins 1.11.32"));
    }

    [Theory]
    [InlineData("1.11.37", "1.11.37", 0)]
    [InlineData("1.11.37", "1.11.100", -1)]
    [InlineData("1.12", "1.11.99", 1)]
    public void CompareVersions_NumericParts_OrderNumerically(string a, string b, int expected)
    {
        Assert.Equal(expected, Math.Sign(NanoPackageRules.CompareVersions(a, b)));
    }

    /// <summary>
    /// End to end: a copy of the firmware tree whose ESP32 app calls SerialPort.DiscardInBuffer (which nanoFramework's
    /// SerialPort does not have) fails `dotnet build` of Gateway.NanoCheck, naming the call.
    /// </summary>
    [Fact]
    public void Build_AppCallsOutsideTheRealApi_Fails()
    {
        string root = BoardCodeSubsetTests.RepoRoot();
        string copy = Path.Combine(Path.GetTempPath(), "gateway-nanocheck-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (string file in new[] { "Directory.Build.props", "global.json", "firmware/Directory.Build.props" })
            {
                CopyFile(root, copy, file);
            }

            foreach (string dir in new[] { "firmware/Gateway.Protocol", "firmware/Gateway.ResourceManager", "firmware/Gateway.Devices", "firmware/Gateway.Board.Esp32", "firmware/NanoCheck" })
            {
                foreach (string file in Directory.EnumerateFiles(Path.Combine(root, dir), "*", SearchOption.AllDirectories))
                {
                    string rel = Path.GetRelativePath(root, file);
                    if (!rel.Contains("/obj/") && !rel.Contains("/bin/"))
                    {
                        CopyFile(root, copy, rel);
                    }
                }
            }

            string stream = Path.Combine(copy, "firmware/Gateway.Board.Esp32/SerialByteStream.cs");
            File.WriteAllText(stream, Replace(File.ReadAllText(stream), "port.Open();", "port.DiscardInBuffer();\n            port.Open();"));

            var (exit, output) = Run(copy, "build", "firmware/NanoCheck/Gateway.NanoCheck.csproj", "-nologo", "-v:q");

            Assert.NotEqual(0, exit);
            Assert.Contains("'SerialPort' does not contain a definition for 'DiscardInBuffer'", output);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static void CopyFile(string root, string copy, string rel)
    {
        string to = Path.Combine(copy, rel);
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(Path.Combine(root, rel), to);
    }

    private static (int Exit, string Output) Run(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(5)), "dotnet build did not finish within 5 minutes");
        return (p.ExitCode, stdout + stderr.Result);
    }
}
