using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Gateway.Board.Tests.RaspberryPi;

/// <summary>
/// The Pi app as a Pi user gets it: <c>dotnet publish -r linux-arm64</c> (self-contained, single file, trimmed),
/// published once per test run into this test's output folder (its own artifacts path, so the solution's build
/// is untouched), and run under <c>qemu-aarch64-static</c> with Debian's arm64 cross runtime as the sysroot.
/// The tools come from <c>.ci/install-arm64-tools</c>; when they cannot be had, <see cref="SkipReason"/> says why.
/// </summary>
public sealed class PiArm64Fixture
{
    public const string Sysroot = "/usr/aarch64-linux-gnu";
    public const string Qemu = "qemu-aarch64-static";

    public PiArm64Fixture()
    {
        string root = RepoRoot();
        string? missing = ToolsMissing();
        if (missing != null)
        {
            // Try the project's own installer once (root with apt-get: CI, a fresh dev container).
            var (code, text) = Exec("bash", $"\"{Path.Combine(root, ".ci", "install-arm64-tools")}\"", TimeSpan.FromMinutes(5));
            missing = ToolsMissing();
            if (missing != null)
            {
                SkipReason = $"{missing}; .ci/install-arm64-tools (exit {code}): {text.Trim()}";
                return;
            }
        }

        string outDir = Path.Combine(AppContext.BaseDirectory, "pi-arm64");
        PublishDir = Path.Combine(outDir, "publish");
        string project = Path.Combine(root, "firmware", "Gateway.Board.RaspberryPi", "Gateway.Board.RaspberryPi.csproj");
        Binary = Path.Combine(PublishDir, "gateway-pi");
        if (UpToDate(root, Binary))
        {
            return; // published by an earlier run from the same sources
        }

        var watch = Stopwatch.StartNew();
        var (rc, output) = Exec("dotnet",
            $"publish \"{project}\" -c Release -r linux-arm64 --artifacts-path \"{Path.Combine(outDir, "artifacts")}\" -o \"{PublishDir}\" -nologo",
            TimeSpan.FromMinutes(8));
        PublishSeconds = watch.Elapsed.TotalSeconds;
        if (rc != 0 || !File.Exists(Binary))
        {
            PublishError = $"dotnet publish -r linux-arm64 failed (exit {rc}):\n{output}";
        }
    }

    /// <summary>Why the arm64 tests cannot run here, or null.</summary>
    public string? SkipReason { get; }

    /// <summary>Set when the publish itself failed: that is a test failure, not a skip.</summary>
    public string? PublishError { get; }

    public string PublishDir { get; } = "";

    public string Binary { get; } = "";

    /// <summary>The uid (and gid) of nobody: setpriv takes numbers, and the group is "nogroup" on Debian.</summary>
    public const string Nobody = "65534";

    public double PublishSeconds { get; }

    /// <summary>Runs the arm64 binary under qemu, optionally as another user (setpriv), and returns its exit code and output.</summary>
    public (int Code, string Output, string Errors) Run(string? asUser, params string[] args)
    {
        var psi = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asUser != null)
        {
            psi.FileName = "setpriv";
            foreach (string a in new[] { $"--reuid={asUser}", $"--regid={asUser}", "--clear-groups", "--", Qemu })
            {
                psi.ArgumentList.Add(a);
            }
        }
        else
        {
            psi.FileName = Qemu;
        }

        psi.ArgumentList.Add("-L");
        psi.ArgumentList.Add(Sysroot);
        psi.ArgumentList.Add(Binary);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"gateway-pi {string.Join(' ', args)} did not exit under qemu");
        }

        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>True when <paramref name="binary"/> is newer than every source, project and props file the app is built from.</summary>
    private static bool UpToDate(string root, string binary)
    {
        if (!File.Exists(binary))
        {
            return false;
        }

        DateTime built = File.GetLastWriteTimeUtc(binary);
        var inputs = Directory.EnumerateFiles(Path.Combine(root, "firmware"), "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith("proj", StringComparison.Ordinal) || f.EndsWith(".props", StringComparison.Ordinal))
            .Append(Path.Combine(root, "Directory.Build.props"));
        return inputs.All(f => !File.Exists(f) || File.GetLastWriteTimeUtc(f) < built);
    }

    private static string? ToolsMissing()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "the arm64 tests run on Linux only";
        }

        if (Exec("sh", $"-c \"command -v {Qemu}\"", TimeSpan.FromSeconds(10)).Code != 0)
        {
            return $"{Qemu} is not installed";
        }

        return File.Exists(Path.Combine(Sysroot, "lib", "ld-linux-aarch64.so.1")) && File.Exists(Path.Combine(Sysroot, "lib", "libstdc++.so.6"))
            ? null
            : $"the arm64 C/C++ runtime is not in {Sysroot}";
    }

    public static (int Code, string Output) Exec(string file, string arguments, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        try
        {
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(timeout))
            {
                p.Kill(entireProcessTree: true);
                return (-1, $"{file} timed out");
            }

            return (p.ExitCode, stdout.Result + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"{file}: {e.Message}");
        }
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Gateway.sln not found above the test directory");
    }

    /// <summary>The NEEDED entries of an ELF file (readelf -d).</summary>
    public static string[] Needed(string elf)
    {
        var (code, text) = Exec("readelf", $"-d \"{elf}\"", TimeSpan.FromSeconds(30));
        Xunit.Assert.True(code == 0, text);
        return text.Split('\n').Where(l => l.Contains("(NEEDED)")).Select(l => l[(l.IndexOf('[') + 1)..l.IndexOf(']')]).ToArray();
    }
}
