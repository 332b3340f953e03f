using System.Collections.Generic;

namespace Gateway.Docs.Tests;

/// <summary>The checks themselves, on small trees held in memory: each finds what it exists to find, and only that.</summary>
public sealed class CitationCheckerTests
{
    // Built from pieces so this file never cites anything itself.
    private static readonly string Shared = ".." + "/shared/spec/x" + ".md";

    private static RepoText Tree(params (string Path, string Text)[] files)
    {
        var map = new Dictionary<string, string>();
        foreach (var (path, text) in files)
        {
            map[path] = text;
        }

        if (!map.ContainsKey(Citations.RulesDoc))
        {
            map[Citations.RulesDoc] = "# Rules\n\n## 0. Roles\n\n## 4. Checks\n\n<a id=\"rm-1\"></a>\n### RM-1 Open\n\n<a id=\"rm-2a\"></a>\n### RM-2a Registers\n";
        }

        return RepoText.FromFiles(map);
    }

    [Fact]
    public void OutsidePointers_SharedFolderInAComment_Reported()
    {
        var repo = Tree(("src/A.cs", "// see " + Shared + "\n"));
        var problem = Assert.Single(Citations.OutsidePointers(repo));
        Assert.StartsWith("src/A.cs:1:", problem);
    }

    [Fact]
    public void MarkdownLinks_MissingFileAndMissingAnchor_BothReported()
    {
        var repo = Tree(
            ("docs/a.md", "# A\n\n[ok](b.md) [bad](nope.md) [anchor](b.md#second-part) [lost](b.md#third) [rule](../" + Citations.RulesDoc + "#rm-2a)\n[web](https://example.com/x.md)\n```\n[code](not-checked.md)\n```\n"),
            ("docs/b.md", "# B\n\n## Second part\n"));
        var problems = Citations.MarkdownLinks(repo);
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("docs/a.md:3:", System.StringComparison.Ordinal) && p.Contains("'nope.md'"));
        Assert.Contains(problems, p => p.Contains("'b.md#third'"));
    }

    [Fact]
    public void FileMentions_BareAndPathNames_ResolvedAgainstRepoDocs()
    {
        var repo = Tree(
            ("hardware-docs/link.md", "# Link\n"),
            ("src/B.cs", "/// <summary>See link.md and hardware-docs/link.md, not gone" + ".md.</summary>\nvar help = \"as missing" + ".md §4 says\";\nvar url = \"https://x.org/a/far.md\";\n"));
        var problems = Citations.FileMentions(repo);
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("src/B.cs:1:", System.StringComparison.Ordinal) && p.Contains("'gone.md'"));
        Assert.Contains(problems, p => p.StartsWith("src/B.cs:2:", System.StringComparison.Ordinal) && p.Contains("'missing.md'"));
    }

    [Fact]
    public void SectionReferences_NumberTheDocLacks_Reported()
    {
        var repo = Tree(("docs/c.md", "See rules.md §4, `rules.md` §0 and hardware-docs/rules.md §4, but rules.md §7 and hardware-docs/rules.md §8.\n"));
        var problems = Citations.SectionReferences(repo);
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("§7"));
        Assert.Contains(problems, p => p.Contains("§8"));
    }

    [Fact]
    public void RuleIds_UndefinedId_ReportedWherever()
    {
        var repo = Tree(
            ("tests/T.cs", "// RM-1, RM-2a\n// RM-2b and MM-99\n"),
            ("suite/s.json", "{\"rules\": [\"RM-1\", \"§4\", \"§9\"]}"),
            ("host/Judge.cs", "const string Rule = \"§4\"; const string Other = \"§8\";\n"));
        var ids = Citations.RuleIds(repo);
        Assert.Equal(2, ids.Count);
        Assert.Contains(ids, p => p.StartsWith("tests/T.cs:2:", System.StringComparison.Ordinal) && p.Contains("RM-2b"));
        Assert.Contains(ids, p => p.Contains("MM-99"));
        var names = Citations.ScenarioRuleNames(repo);
        Assert.Equal(2, names.Count);
        Assert.Contains(names, p => p.Contains("'§9'"));
        Assert.Contains(names, p => p.StartsWith("host/Judge.cs:1:", System.StringComparison.Ordinal) && p.Contains("§8"));
    }

    [Fact]
    public void Slug_HeadingWithCodeAndPunctuation_MatchesGitHub()
    {
        Assert.Equal("fwstatus", Citations.Slug("`/fw/status`"));
        Assert.Equal("4-what-the-conformance-harness-checks-in-every-reply", Citations.Slug("4. What the conformance harness checks in every reply"));
        Assert.Equal("rm-13-bounds-g", Citations.Slug("RM-13 Bounds (G)"));
        Assert.Equal("21-kinds", Citations.Slug("2.1 Kinds"));
    }
}
