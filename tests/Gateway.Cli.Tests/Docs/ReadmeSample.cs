using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Gateway.Cli.Tests.Docs;

/// <summary>
/// A sample run shown in README.md: a fenced block whose first line is <c>$ gateway COMMAND…</c>, followed by what the
/// command printed. A table row whose first cell is <c>…</c> stands for rows left out: the lines before it must be the
/// first lines of the real output and the lines after it the last ones; without such a row the whole output must match.
/// Lines are compared without trailing spaces, and durations (<c>1.2 s</c>, <c>35 ms</c>) as <c>N s</c>.
/// </summary>
public sealed partial class ReadmeSample
{
    private ReadmeSample(string command, IReadOnlyList<string> head, IReadOnlyList<string>? tail)
    {
        Command = command;
        Head = head;
        Tail = tail;
    }

    /// <summary>The command line after <c>$ gateway </c>.</summary>
    public string Command { get; }

    /// <summary>The sample's lines up to the elision row (all of them when there is none).</summary>
    public IReadOnlyList<string> Head { get; }

    /// <summary>The sample's lines after the elision row, or null when nothing is left out.</summary>
    public IReadOnlyList<string>? Tail { get; }

    /// <summary>README.md at the repository root.</summary>
    public static string ReadmePath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Gateway.sln not found"), "README.md");
    }

    /// <summary>The sample of <c>$ gateway <paramref name="command"/></c> in <paramref name="markdown"/>, or null.</summary>
    public static ReadmeSample? Find(string markdown, string command)
    {
        string[] lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i + 1 < lines.Length; i++)
        {
            if (lines[i].StartsWith("```", StringComparison.Ordinal) && lines[i + 1].Trim() == "$ gateway " + command)
            {
                var body = new List<string>();
                for (int j = i + 2; j < lines.Length && !lines[j].StartsWith("```", StringComparison.Ordinal); j++)
                {
                    body.Add(Normalize(lines[j]));
                }

                int elided = body.FindIndex(l => Elision().IsMatch(l));
                return elided < 0
                    ? new ReadmeSample(command, body, null)
                    : new ReadmeSample(command, body.Take(elided).ToList(), body.Skip(elided + 1).ToList());
            }
        }

        return null;
    }

    /// <summary>The first line where <paramref name="printed"/> departs from the sample, as a message; null when it matches.</summary>
    public string? Mismatch(string printed)
    {
        List<string> actual = printed.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(Normalize).ToList();
        while (actual.Count > 0 && actual[^1].Length == 0)
        {
            actual.RemoveAt(actual.Count - 1);
        }

        if (Tail == null)
        {
            return Compare(Head, actual, 0, "line") ?? (Head.Count == actual.Count ? null : $"the sample has {Head.Count} lines, the command printed {actual.Count}");
        }

        if (Head.Count + Tail.Count >= actual.Count)
        {
            return $"the sample leaves rows out ('…'), but the command printed only {actual.Count} lines";
        }

        return Compare(Head, actual, 0, "line") ?? Compare(Tail, actual, actual.Count - Tail.Count, "line (from the end)");
    }

    private static string? Compare(IReadOnlyList<string> sample, List<string> actual, int start, string what)
    {
        for (int i = 0; i < sample.Count; i++)
        {
            string got = start + i < actual.Count ? actual[start + i] : "(nothing)";
            if (sample[i] != got)
            {
                return $"{what} {start + i + 1}: the README shows\n  {sample[i]}\nbut the command printed\n  {got}";
            }
        }

        return null;
    }

    private static string Normalize(string line) => Duration().Replace(line.TrimEnd(), "N s");

    [GeneratedRegex(@"^│ … +│")]
    private static partial Regex Elision();

    [GeneratedRegex(@"\b\d+(\.\d+)? ?(ms|µs|s)\b")]
    private static partial Regex Duration();
}
