using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Gateway.Host.Conformance.Format;

namespace Gateway.Host.Conformance;

/// <summary>
/// The built-in conformance suite: suite files in the scenario format, embedded in this assembly
/// (<c>Conformance/Suite/*.json</c>, one file per area), in the order of their file names.
/// </summary>
public static class BuiltInSuite
{
    private const string Prefix = "Gateway.Conformance.Suite.";

    /// <summary>The file names of the suite, e.g. <c>04-rm-mmap.json</c>.</summary>
    public static IReadOnlyList<string> Files { get; } = typeof(BuiltInSuite).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..])
        .OrderBy(n => n, StringComparer.Ordinal)
        .ToList();

    /// <summary>The text of one file of the suite.</summary>
    public static string Text(string file)
    {
        Assembly a = typeof(BuiltInSuite).Assembly;
        using Stream s = a.GetManifestResourceStream(Prefix + file) ?? throw new FileNotFoundException($"no built-in suite file {file}");
        using var reader = new StreamReader(s);
        return reader.ReadToEnd();
    }

    /// <summary>Every scenario of the suite, file by file (a malformed file throws <see cref="ScenarioFormatException"/>).</summary>
    public static IReadOnlyList<Scenario> Load() => Files.SelectMany(f => ScenarioFile.ParseAll(Text(f), "builtin:" + f)).ToList();
}
