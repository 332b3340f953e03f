using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using Gateway.Cli;

namespace Gateway.Cli.Tests;

/// <summary>The outcome of one <c>gateway</c> invocation.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public JsonElement Json()
    {
        using JsonDocument d = JsonDocument.Parse(Out);
        return d.RootElement.Clone();
    }

    public override string ToString()
    {
        return $"exit {ExitCode}\nstdout: {Out}\nstderr: {Error}";
    }
}

/// <summary>Runs <c>gateway</c> in-process (through <see cref="CliConsole"/>) or as a real process (<c>dotnet gateway.dll</c>).</summary>
public static class CliRun
{
    public static CliResult InProcessWithStdin(string? stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = GatewayCli.Run(args, new CliConsole(output, error, new StringReader(stdin ?? "")));
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public static CliResult InProcess(params string[] args)
    {
        return InProcessWithStdin(null, args);
    }

    /// <summary>In-process, with standard output taken for a terminal (as <see cref="CliConsole.System"/> finds one).</summary>
    public static CliResult InProcessOnTerminal(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = GatewayCli.Run(args, new CliConsole(output, error, new StringReader("")) { IsTerminal = true });
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>gateway as a real process with standard output to a pipe, read as bytes.</summary>
    public static (int ExitCode, byte[] Out) ProcessBytes(params string[] args)
    {
        using Process p = System.Diagnostics.Process.Start(StartInfo(args))!;
        p.StandardInput.Close();
        using var output = new MemoryStream();
        System.Threading.Tasks.Task copy = p.StandardOutput.BaseStream.CopyToAsync(output);
        System.Threading.Tasks.Task<string> error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(true);
            throw new TimeoutException("gateway did not exit within 60 s");
        }

        copy.Wait();
        _ = error.Result;
        return (p.ExitCode, output.ToArray());
    }

    /// <summary>gateway.dll as built next to the tests (the Cli project is referenced), else in host/Gateway.Cli/bin.</summary>
    public static string GatewayDll()
    {
        string local = Path.Combine(AppContext.BaseDirectory, "gateway.dll");
        if (File.Exists(local) && File.Exists(Path.Combine(AppContext.BaseDirectory, "gateway.runtimeconfig.json")))
        {
            return local;
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
        {
            dir = dir.Parent;
        }

        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string built = Path.Combine(dir?.FullName ?? ".", "host", "Gateway.Cli", "bin", configuration, "net10.0", "gateway.dll");
        return File.Exists(built) ? built : throw new FileNotFoundException("gateway.dll was not built", built);
    }

    private static ProcessStartInfo StartInfo(string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(GatewayDll());
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        return psi;
    }

    public static CliResult Process(string? stdin, params string[] args)
    {
        using Process p = System.Diagnostics.Process.Start(StartInfo(args))!;
        p.StandardInput.Write(stdin ?? "");
        p.StandardInput.Close();
        System.Threading.Tasks.Task<string> output = p.StandardOutput.ReadToEndAsync();
        System.Threading.Tasks.Task<string> error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(true);
            throw new TimeoutException("gateway did not exit within 60 s");
        }

        return new CliResult(p.ExitCode, output.Result, error.Result);
    }

    /// <summary>Walks a C member path such as <c>info.pid</c>, <c>zero[1]</c> or <c>[0].d_ino</c>.</summary>
    public static JsonElement At(JsonElement root, string path)
    {
        JsonElement e = root;
        foreach (string segment in path.Split('.'))
        {
            string name = segment;
            int open = name.IndexOf('[', StringComparison.Ordinal);
            int index = -1;
            if (open >= 0)
            {
                index = int.Parse(name.AsSpan(open + 1, name.Length - open - 2));
                name = name.Substring(0, open);
            }

            if (name.Length > 0)
            {
                Assert.True(e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out e), $"no key '{name}' on the way to {path}");
            }

            if (index >= 0)
            {
                Assert.True(e.ValueKind == JsonValueKind.Array && index < e.GetArrayLength(), $"no element {index} on the way to {path}");
                e = e[index];
            }
        }

        return e;
    }

    /// <summary>Every leaf path of a decoded JSON value, <c>*_names</c> keys left out.</summary>
    public static SortedSet<string> LeafPaths(JsonElement root)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        Collect(root, "", paths);
        return paths;
    }

    private static void Collect(JsonElement e, string path, SortedSet<string> paths)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty p in e.EnumerateObject())
                {
                    if (!p.Name.EndsWith("_names", StringComparison.Ordinal))
                    {
                        Collect(p.Value, path.Length == 0 ? p.Name : path + "." + p.Name, paths);
                    }
                }

                break;
            case JsonValueKind.Array when path.EndsWith("_names", StringComparison.Ordinal):
                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (JsonElement item in e.EnumerateArray())
                {
                    Collect(item, $"{path}[{i}]", paths);
                    i++;
                }

                break;
            default:
                paths.Add(path);
                break;
        }
    }
}
