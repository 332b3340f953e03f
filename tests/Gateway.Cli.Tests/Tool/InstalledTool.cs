using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace Gateway.Cli.Tests.Tool;

/// <summary>
/// The gateway tool as a newcomer installs it (README "Install the gateway command"): host/Gateway.Cli packed as a .NET
/// tool from the build the tests already use (<c>dotnet pack --no-build</c>, once per test run), then
/// <c>dotnet tool install</c> into a temporary <c>--tool-path</c> from that folder alone. <see cref="Run"/> starts the
/// installed command shim, not gateway.dll.
/// </summary>
public sealed class InstalledTool : IDisposable
{
    /// <summary>The PackageId of host/Gateway.Cli.</summary>
    public const string PackageId = "Gateway.Tool";

    private readonly string root;

    public InstalledTool()
    {
        root = Path.Combine(Path.GetTempPath(), "gateway-tool-test-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
        string packages = Path.Combine(root, "packages");
        ToolPath = Path.Combine(root, "tools");
        Directory.CreateDirectory(packages);

        string repo = FindRepository();
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        Pack = Dotnet(repo, "pack", Path.Combine(repo, "host", "Gateway.Cli", "Gateway.Cli.csproj"), "--no-build", "-c", configuration,
            "-o", packages, "--disable-build-servers", "-nodeReuse:false");
        Package = Directory.GetFiles(packages, PackageId + ".*.nupkg") is [string nupkg] ? nupkg : null;

        // Only the folder the package was packed into: no other feed is asked (offline machines, stale caches).
        string config = Path.Combine(root, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="gateway" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        Install = Dotnet(root, "tool", "install", "--tool-path", ToolPath, "--configfile", config, PackageId);
        Command = Path.Combine(ToolPath, OperatingSystem.IsWindows() ? "gateway.exe" : "gateway");
    }

    /// <summary>The temporary --tool-path the tool is installed into.</summary>
    public string ToolPath { get; }

    /// <summary>The installed command shim.</summary>
    public string Command { get; }

    /// <summary>The packed .nupkg, or null when pack made none (or several).</summary>
    public string? Package { get; }

    /// <summary><c>dotnet pack</c>'s outcome.</summary>
    public CliResult Pack { get; }

    /// <summary><c>dotnet tool install</c>'s outcome.</summary>
    public CliResult Install { get; }

    /// <summary>Runs the installed <c>gateway</c> with <paramref name="args"/>, from a folder outside the repository.</summary>
    public CliResult Run(params string[] args) => Start(Command, root, args);

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static CliResult Dotnet(string workingDirectory, params string[] args) => Start("dotnet", workingDirectory, args);

    private static CliResult Start(string program, string workingDirectory, IReadOnlyList<string> args)
    {
        var psi = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        // The test host's MSBuild settings are not a newcomer's shell.
        foreach (string inherited in new[] { "MSBuildSDKsPath", "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            psi.Environment.Remove(inherited);
        }

        using Process p = Process.Start(psi)!;
        p.StandardInput.Close();
        System.Threading.Tasks.Task<string> output = p.StandardOutput.ReadToEndAsync();
        System.Threading.Tasks.Task<string> error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(180_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not exit within 180 s");
        }

        return new CliResult(p.ExitCode, output.Result, error.Result);
    }

    private static string FindRepository()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Gateway.sln not found above the test directory");
    }
}
