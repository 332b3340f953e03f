using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Gateway.Subset.Tests;

public sealed class BoardCodeSubsetTests
{
    /// <summary>The folders whose .cs files run on the board (nanoframework-subset.md): the shared sources and the ESP32 app.</summary>
    public static readonly string[] BoardFolders =
    {
        "firmware/Gateway.Protocol",
        "firmware/Gateway.ResourceManager",
        "firmware/Gateway.Devices",
        "firmware/Gateway.Board.Esp32",
    };

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Gateway.sln not found above the test directory");
    }

    public static IEnumerable<string> BoardFiles()
    {
        string root = RepoRoot();
        foreach (string folder in BoardFolders)
        {
            string full = Path.Combine(root, folder);
            if (!Directory.Exists(full))
            {
                continue;
            }

            foreach (string file in Directory.EnumerateFiles(full, "*.cs", SearchOption.AllDirectories))
            {
                string rel = Path.GetRelativePath(root, file);
                if (rel.Contains("/obj/") || rel.Contains("/bin/"))
                {
                    continue;
                }

                yield return file;
            }
        }
    }

    [Fact]
    public void BoardCode_ScannedForSubset_HasNoViolations()
    {
        var files = BoardFiles().ToList();
        Assert.NotEmpty(files);
        var violations = files.SelectMany(f => SubsetScanner.Scan(Path.GetRelativePath(RepoRoot(), f), File.ReadAllText(f))).ToList();
        Assert.True(violations.Count == 0, "nanoFramework subset violations (nanoframework-subset.md):\n" + string.Join("\n", violations));
    }

    [Theory]
    [InlineData("class A<T> { }", "generic declaration")]
    [InlineData("class A { void M<T>() { } }", "generic declaration")]
    [InlineData("class A { System.Collections.Generic.List<int> l; }", "generic use")]
    [InlineData("class A { System.Action<int> a; }", "generic use")]
    [InlineData("class A { int[,] m; }", "multi-dimensional array")]
    [InlineData("class A { object m = new byte[2,3]; }", "multi-dimensional array")]
    [InlineData("class A { int? n; }", "nullable value type (Nullable<T>)")]
    [InlineData("class A { (int, int) t; }", "tuple")]
    [InlineData("class A { object M() { return (1, 2); } }", "tuple")]
    [InlineData("class A { System.Collections.IEnumerable M() { yield return 1; } }", "iterator (yield)")]
    [InlineData("record R(int X);", "record")]
    [InlineData("class A { async void M() { } }", "async/await")]
    [InlineData("class A { unsafe void M() { int* p = stackalloc int[4]; } }", "stackalloc")]
    [InlineData("class A { void M(int[] a) { var b = a[1..2]; } }", "range")]
    [InlineData("class A { void M(int[] a) { var b = a[^1]; } }", "index from end (^)")]
    [InlineData("class A { object o = new { X = 1 }; }", "anonymous type")]
    [InlineData("class A { decimal d; }", "decimal")]
    [InlineData("class A { object M(int[] a) { return from x in a select x; } }", "LINQ query")]
    public void Scanner_ForbiddenConstruct_IsReported(string source, string rule)
    {
        var violations = SubsetScanner.Scan("snippet.cs", source);
        Assert.Contains(violations, v => v.Rule == rule);
    }

    [Theory]
    [InlineData("class A { byte[][] jagged; int[] flat; }")]
    [InlineData("class A { delegate void D(object o); D d; void M() { lock (this) { } } }")]
    [InlineData("class A { int M(object o) { if (o is string s) { return s.Length; } return 0; } }")]
    public void Scanner_AllowedConstruct_IsNotReported(string source)
    {
        Assert.Empty(SubsetScanner.Scan("snippet.cs", source));
    }
}
