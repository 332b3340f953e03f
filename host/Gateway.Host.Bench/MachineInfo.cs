using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Host.Bench;

/// <summary>Where the figures were taken.</summary>
public sealed record MachineInfo(int Processors, string Cpu, string Runtime, string Os)
{
    public static MachineInfo Current() => new(Environment.ProcessorCount, CpuModel(), RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription);

    public override string ToString() => $"{Processors} × {Cpu}, {Runtime}, {Os}";

    private static string CpuModel()
    {
        try
        {
            string? line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
            return line != null ? line[(line.IndexOf(':') + 1)..].Trim() : RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
