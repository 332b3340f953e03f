using System.Collections.Generic;
using System.Linq;

namespace Gateway.Docs.Tests;

/// <summary>
/// The repository stands alone (issue 12): what its documents, code comments and help texts cite is in it, and
/// every rule id the suite and the tests cite (RM-…, MM-…, §N) is defined in hardware-docs/rules.md.
/// </summary>
public sealed class RepoCitationTests
{
    private static readonly RepoText Repo = RepoText.Load(RepoText.FindRoot());

    [Fact]
    public void Repo_Scanned_HoldsTheDocsAndTheCode()
    {
        Assert.Contains(Citations.RulesDoc, Repo.Files.Keys);
        Assert.Contains("README.md", Repo.Files.Keys);
        Assert.Contains(Repo.Files.Keys, p => p.StartsWith("host/Gateway.Cli/", System.StringComparison.Ordinal) && p.EndsWith(".cs", System.StringComparison.Ordinal));
        Assert.Contains(Repo.Files.Keys, p => p.StartsWith("host/Gateway.Host.Conformance/Suite/", System.StringComparison.Ordinal) && p.EndsWith(".json", System.StringComparison.Ordinal));
    }

    [Fact]
    public void AnyFile_PointingAtTheSharedFolder_Fails() => AssertNone(Citations.OutsidePointers(Repo));

    [Fact]
    public void MarkdownLinks_InEveryDoc_ResolveInsideTheRepo() => AssertNone(Citations.MarkdownLinks(Repo));

    [Fact]
    public void DocumentNames_InDocsCommentsAndHelpTexts_AreRepoDocuments() => AssertNone(Citations.FileMentions(Repo));

    [Fact]
    public void SectionReferences_DocAndNumber_NameAnExistingSection() => AssertNone(Citations.SectionReferences(Repo));

    [Fact]
    public void RuleIds_CitedAnywhere_AreDefinedInRulesMd() => AssertNone(Citations.RuleIds(Repo));

    [Fact]
    public void ScenarioRules_InSuiteFiles_AreRuleIdsOrSectionsOfRulesMd() => AssertNone(Citations.ScenarioRuleNames(Repo));

    [Fact]
    public void RulesMd_EveryRuleOfTheContract_IsDefined()
    {
        var defined = Citations.DefinedRuleIds(Repo.Files[Citations.RulesDoc]);
        var expected = Enumerable.Range(0, 19).Select(n => $"rm-{n}")
            .Concat(new[] { "rm-2a", "rm-2b" })
            .Concat(Enumerable.Range(1, 12).Select(n => $"mm-{n}"));
        var missing = expected.Where(id => !defined.Contains(id)).ToList();
        Assert.True(missing.Count == 0, "not defined in rules.md: " + string.Join(", ", missing));
        var sections = Citations.SectionNumbers(Repo.Files[Citations.RulesDoc]);
        foreach (string section in new[] { "0", "1", "2", "3", "4", "5" })
        {
            Assert.True(sections.Contains(section), "rules.md has no section " + section);
        }
    }

    private static void AssertNone(IReadOnlyList<string> problems) =>
        Assert.True(problems.Count == 0, problems.Count + " citation problem(s):\n" + string.Join("\n", problems));
}
