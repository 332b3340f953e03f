using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Gateway.Host.Targets;

/// <summary>
/// The <c>dotnet</c> program that runs this process, for starting <c>gateway-emulated.dll</c> as a child (the
/// <c>pty:</c> target). Installed as a .NET tool, gateway runs from its command shim, so the running program is not
/// <c>dotnet</c> and <c>dotnet</c> need not be on PATH: the muxer is found beside the runtime this process uses.
/// </summary>
public static class DotnetHost
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        string muxerName = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        string? running = Environment.ProcessPath;
        if (running != null && System.IO.Path.GetFileName(running).Equals(muxerName, StringComparison.OrdinalIgnoreCase))
        {
            return running;
        }

        // The runtime lives in DOTNET_ROOT/shared/Microsoft.NETCore.App/VERSION/; the muxer in DOTNET_ROOT.
        string root = System.IO.Path.GetFullPath(System.IO.Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        string muxer = System.IO.Path.Combine(root, muxerName);
        return File.Exists(muxer) ? muxer : "dotnet";
    }
}
