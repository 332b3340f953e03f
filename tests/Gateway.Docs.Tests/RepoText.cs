using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Gateway.Docs.Tests;

/// <summary>
/// The repository's text files as the citation checks see them: paths relative to the root with '/' separators,
/// build output and VCS data left out. A snapshot, so every check judges the same files.
/// </summary>
public sealed class RepoText
{
    /// <summary>File kinds that carry prose a reader follows: docs, code (comments and help texts), data, build files.</summary>
    private static readonly string[] ScannedExtensions =
    {
        ".md", ".cs", ".json", ".props", ".targets", ".csproj", ".nfproj", ".sln", ".sh", ".service", ".txt", ".yml", ".yaml",
    };

    private static readonly string[] SkippedFolders = { ".git", "bin", "obj", "TestResults", "BenchmarkDotNet.Artifacts", "node_modules" };

    /// <summary>Not scanned: this project, whose tests hold deliberately broken sample trees as fixtures.</summary>
    private const string SelfFolder = "tests/Gateway.Docs.Tests/";

    private RepoText(string root, IReadOnlyDictionary<string, string> files, IReadOnlySet<string> allPaths)
    {
        Root = root;
        Files = files;
        AllPaths = allPaths;
    }

    public string Root { get; }

    /// <summary>Scanned files: relative path → text.</summary>
    public IReadOnlyDictionary<string, string> Files { get; }

    /// <summary>Every file and folder in the tree (relative, '/' separators), scanned or not.</summary>
    public IReadOnlySet<string> AllPaths { get; }

    public IEnumerable<string> MarkdownFiles => Files.Keys.Where(p => p.EndsWith(".md", StringComparison.Ordinal));

    public static RepoText Load(string root)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var all = new HashSet<string>(StringComparer.Ordinal) { "" };
        Walk(root, root, files, all);
        return new RepoText(root, files, all);
    }

    /// <summary>A tree given in memory (relative path → text), for the checker's own tests.</summary>
    public static RepoText FromFiles(IDictionary<string, string> files)
    {
        var all = new HashSet<string>(StringComparer.Ordinal) { "" };
        foreach (string path in files.Keys)
        {
            all.Add(path);
            for (int slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
            {
                all.Add(path[..slash]);
            }
        }

        return new RepoText("(memory)", new SortedDictionary<string, string>(files, StringComparer.Ordinal), all);
    }

    public static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Gateway.sln not found above the test directory");
    }

    /// <summary>Normalises "a/./b/../c" to "a/c"; null when it climbs above the root.</summary>
    public static string? Normalize(string path)
    {
        var parts = new List<string>();
        foreach (string part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    public static string DirectoryOf(string relativePath)
    {
        int slash = relativePath.LastIndexOf('/');
        return slash < 0 ? "" : relativePath[..slash];
    }

    private static void Walk(string root, string dir, IDictionary<string, string> files, ISet<string> all)
    {
        foreach (string sub in Directory.EnumerateDirectories(dir))
        {
            if (SkippedFolders.Contains(Path.GetFileName(sub)))
            {
                continue;
            }

            all.Add(Relative(root, sub));
            Walk(root, sub, files, all);
        }

        foreach (string file in Directory.EnumerateFiles(dir))
        {
            string rel = Relative(root, file);
            all.Add(rel);
            string name = Path.GetFileName(file);
            if (rel.StartsWith(SelfFolder, StringComparison.Ordinal))
            {
                continue;
            }

            if (ScannedExtensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)) || rel.StartsWith(".ci/", StringComparison.Ordinal))
            {
                files[rel] = File.ReadAllText(file);
            }
        }
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
