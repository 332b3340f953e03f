using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Gateway.Docs.Tests;

/// <summary>
/// The citation checks over a <see cref="RepoText"/>. Each returns its problems as "path:line: what", empty when
/// the tree is clean. Code (.cs) is scanned as text, so comments and the CLI's help strings are both covered.
/// </summary>
public static class Citations
{
    public const string RulesDoc = "hardware-docs/rules.md";

    // Written so this file does not match itself: "[.][.]/" is the parent folder, "[/]" a slash.
    private static readonly Regex OutsidePointer = new(@"[.][.]/+shared\b|\bshared[/]spec\b", RegexOptions.Compiled);

    // [text](target) and ![alt](target), target without spaces, optional "title".
    private static readonly Regex MarkdownLink = new(@"!?\[(?<text>[^\]\n]*)\]\((?<target>[^)\s]+)(?:\s+""[^""\n]*"")?\)", RegexOptions.Compiled);

    // A file name or path ending in .md that is not part of a URL or of a longer name.
    private static readonly Regex MdMention = new(@"(?<![\w./:@-])(?<path>(?:\.{1,2}/)*(?:[\w-][\w.-]*/)*[\w-][\w.-]*\.md)\b", RegexOptions.Compiled);

    // "name.md §4", "dir/name.md` §2.3", "name.md) §5": a numbered section of a document.
    private static readonly Regex SectionRef = new(@"(?<![\w./-])(?<doc>(?:[\w-][\w.-]*/)*[\w-][\w.-]*\.md)[`)\]""']*\s*§\s*(?<num>\d+(?:\.\d+)?)", RegexOptions.Compiled);

    private static readonly Regex RuleId = new(@"\b(?:RM|MM)-\d+[a-z]?\b", RegexOptions.Compiled);

    private static readonly Regex Heading = new(@"^(?<hashes>#{1,6})\s+(?<text>.+?)\s*#*\s*$", RegexOptions.Compiled);

    private static readonly Regex HtmlAnchor = new(@"<a\s+(?:id|name)=""(?<id>[^""]+)""", RegexOptions.Compiled | RegexOptions.IgnoreCase);

    private static readonly Regex NumberedHeading = new(@"^(?<num>\d+(?:\.\d+)*)\.?\s", RegexOptions.Compiled);

    private static readonly Regex SectionLiteral = new(@"""§(?<num>\d+)""", RegexOptions.Compiled);

    private static readonly Regex ScenarioRules = new(@"""rules""\s*:\s*(?:\[(?<list>[^\]]*)\]|""(?<one>[^""]*)"")", RegexOptions.Compiled);

    /// <summary>Any pointer to the shared folder beside the repository, which a clone does not have.</summary>
    public static IReadOnlyList<string> OutsidePointers(RepoText repo)
    {
        var problems = new List<string>();
        foreach (var (path, text) in repo.Files)
        {
            foreach (Match m in OutsidePointer.Matches(text))
            {
                problems.Add($"{path}:{LineOf(text, m.Index)}: points outside the repository: '{m.Value}'");
            }
        }

        return problems;
    }

    /// <summary>Markdown links resolve to a file or folder of the repository, and an anchor into a .md to one of its headings.</summary>
    public static IReadOnlyList<string> MarkdownLinks(RepoText repo)
    {
        var problems = new List<string>();
        foreach (string path in repo.MarkdownFiles)
        {
            string text = repo.Files[path];
            foreach (var (line, content) in ProseLines(text))
            {
                foreach (Match m in MarkdownLink.Matches(content))
                {
                    string target = m.Groups["target"].Value;
                    if (Regex.IsMatch(target, @"^[a-zA-Z][\w+.-]*:"))
                    {
                        continue; // http:, https:, mailto:
                    }

                    string file = target;
                    string? anchor = null;
                    int hash = target.IndexOf('#');
                    if (hash >= 0)
                    {
                        file = target[..hash];
                        anchor = target[(hash + 1)..];
                    }

                    string? resolved = file.Length == 0
                        ? path
                        : RepoText.Normalize(file.StartsWith('/') ? file : RepoText.DirectoryOf(path) + "/" + file);
                    if (resolved == null || !repo.AllPaths.Contains(resolved))
                    {
                        problems.Add($"{path}:{line}: link to a file that is not in the repository: '{target}'");
                        continue;
                    }

                    if (anchor != null && resolved.EndsWith(".md", StringComparison.Ordinal) && repo.Files.TryGetValue(resolved, out string? doc)
                        && !Anchors(doc).Contains(anchor))
                    {
                        problems.Add($"{path}:{line}: link to an anchor {resolved} does not have: '{target}'");
                    }
                }
            }
        }

        return problems;
    }

    /// <summary>Every "something.md" named in a doc, a code comment, a help text or a data file is a document of the repository.</summary>
    public static IReadOnlyList<string> FileMentions(RepoText repo)
    {
        var problems = new List<string>();
        var mdFiles = repo.AllPaths.Where(p => p.EndsWith(".md", StringComparison.Ordinal)).ToList();
        foreach (var (path, text) in repo.Files)
        {
            foreach (Match m in MdMention.Matches(text))
            {
                string mention = m.Groups["path"].Value;
                if (ResolveMention(repo, mdFiles, path, mention).Count == 0)
                {
                    problems.Add($"{path}:{LineOf(text, m.Index)}: names a document that is not in the repository: '{mention}'");
                }
            }
        }

        return problems;
    }

    /// <summary>"doc.md §N" names a numbered section the document has.</summary>
    public static IReadOnlyList<string> SectionReferences(RepoText repo)
    {
        var problems = new List<string>();
        var mdFiles = repo.AllPaths.Where(p => p.EndsWith(".md", StringComparison.Ordinal)).ToList();
        foreach (var (path, text) in repo.Files)
        {
            foreach (Match m in SectionRef.Matches(text))
            {
                string doc = m.Groups["doc"].Value;
                string number = m.Groups["num"].Value;
                var candidates = ResolveMention(repo, mdFiles, path, doc);
                if (candidates.Count == 0)
                {
                    continue; // FileMentions reports it
                }

                if (!candidates.Any(c => repo.Files.TryGetValue(c, out string? body) && SectionNumbers(body).Contains(number)))
                {
                    problems.Add($"{path}:{LineOf(text, m.Index)}: '{doc} §{number}': {string.Join(", ", candidates)} has no section {number}");
                }
            }
        }

        return problems;
    }

    /// <summary>Every RM-/MM- id cited anywhere is defined in rules.md, as a heading and as an anchor of its own.</summary>
    public static IReadOnlyList<string> RuleIds(RepoText repo)
    {
        var problems = new List<string>();
        if (!repo.Files.TryGetValue(RulesDoc, out string? rules))
        {
            return new[] { $"{RulesDoc}: missing" };
        }

        var defined = DefinedRuleIds(rules);
        foreach (var (path, text) in repo.Files)
        {
            foreach (Match m in RuleId.Matches(text))
            {
                if (!defined.Contains(m.Value.ToLowerInvariant()))
                {
                    problems.Add($"{path}:{LineOf(text, m.Index)}: rule {m.Value} is not defined in {RulesDoc}");
                }
            }
        }

        return problems;
    }

    /// <summary>The "rules" a scenario file cites, and the "§N" rule names the harness code uses (what the suite prints), are rule ids or sections of rules.md.</summary>
    public static IReadOnlyList<string> ScenarioRuleNames(RepoText repo)
    {
        var problems = new List<string>();
        if (!repo.Files.TryGetValue(RulesDoc, out string? rules))
        {
            return new[] { $"{RulesDoc}: missing" };
        }

        var ids = DefinedRuleIds(rules);
        var sections = SectionNumbers(rules);
        foreach (var (path, text) in repo.Files.Where(f => f.Key.EndsWith(".json", StringComparison.Ordinal)))
        {
            foreach (Match m in ScenarioRules.Matches(text))
            {
                IEnumerable<string> names = m.Groups["list"].Success
                    ? Regex.Matches(m.Groups["list"].Value, @"""([^""]*)""").Select(x => x.Groups[1].Value)
                    : new[] { m.Groups["one"].Value };
                foreach (string name in names)
                {
                    bool ok = name.StartsWith('§') ? sections.Contains(name[1..].Trim()) : ids.Contains(name.ToLowerInvariant());
                    if (!ok)
                    {
                        problems.Add($"{path}:{LineOf(text, m.Index)}: scenario rule '{name}' is neither a rule id nor a section of {RulesDoc}");
                    }
                }
            }
        }

        // Rule names the harness code prints itself (ReplyJudge's "§4").
        foreach (var (path, text) in repo.Files.Where(f => f.Key.EndsWith(".cs", StringComparison.Ordinal)))
        {
            foreach (Match m in SectionLiteral.Matches(text))
            {
                if (!sections.Contains(m.Groups["num"].Value))
                {
                    problems.Add($"{path}:{LineOf(text, m.Index)}: rule name '{m.Value}' is not a section of {RulesDoc}");
                }
            }
        }

        return problems;
    }

    /// <summary>Ids defined in rules.md, lower case: a heading "RM-13 …" with an anchor id="rm-13".</summary>
    public static ISet<string> DefinedRuleIds(string rules)
    {
        var anchors = HtmlAnchor.Matches(rules).Select(m => m.Groups["id"].Value.ToLowerInvariant()).ToHashSet();
        var headed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, content) in ProseLines(rules))
        {
            Match h = Heading.Match(content);
            if (h.Success)
            {
                Match id = RuleId.Match(h.Groups["text"].Value);
                if (id.Success && id.Index == 0)
                {
                    headed.Add(id.Value.ToLowerInvariant());
                }
            }
        }

        headed.IntersectWith(anchors);
        return headed;
    }

    /// <summary>The anchors a document offers: GitHub's heading slugs (with -1, -2 … for repeats) and explicit &lt;a id&gt;/&lt;a name&gt;.</summary>
    public static ISet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match m in HtmlAnchor.Matches(markdown))
        {
            anchors.Add(m.Groups["id"].Value);
        }

        foreach (var (_, content) in ProseLines(markdown))
        {
            Match h = Heading.Match(content);
            if (!h.Success)
            {
                continue;
            }

            string slug = Slug(h.Groups["text"].Value);
            if (seen.TryGetValue(slug, out int count))
            {
                seen[slug] = count + 1;
                anchors.Add(slug + "-" + (count + 1));
            }
            else
            {
                seen[slug] = 0;
                anchors.Add(slug);
            }
        }

        return anchors;
    }

    /// <summary>GitHub's heading slug: the rendered text, lower case, punctuation dropped, spaces to hyphens.</summary>
    public static string Slug(string headingText)
    {
        string text = Regex.Replace(headingText, @"!?\[([^\]]*)\]\([^)]*\)", "$1"); // a link renders as its text
        text = Regex.Replace(text, "<[^>]+>", "");                                     // inline HTML
        var sb = new StringBuilder();
        foreach (char c in text.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c == '-' || c == '_')
            {
                sb.Append(c);
            }
            else if (c == ' ')
            {
                sb.Append('-');
            }
        }

        return sb.ToString();
    }

    /// <summary>Section numbers of a document's numbered headings ("## 4. …" → 4, "### 2.1 …" → 2.1).</summary>
    public static ISet<string> SectionNumbers(string markdown)
    {
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, content) in ProseLines(markdown))
        {
            Match h = Heading.Match(content);
            if (h.Success)
            {
                Match n = NumberedHeading.Match(h.Groups["text"].Value);
                if (n.Success)
                {
                    numbers.Add(n.Groups["num"].Value);
                }
            }
        }

        return numbers;
    }

    /// <summary>The .md files a mention can mean: relative to the citing file, to the root, or (a bare or partial path) any document ending so.</summary>
    private static IReadOnlyList<string> ResolveMention(RepoText repo, IReadOnlyList<string> mdFiles, string citingFile, string mention)
    {
        string? fromFile = RepoText.Normalize(RepoText.DirectoryOf(citingFile) + "/" + mention);
        if (fromFile != null && repo.AllPaths.Contains(fromFile))
        {
            return new[] { fromFile };
        }

        string? fromRoot = RepoText.Normalize(mention);
        if (fromRoot != null && repo.AllPaths.Contains(fromRoot))
        {
            return new[] { fromRoot };
        }

        if (mention.StartsWith("../", StringComparison.Ordinal) || mention.StartsWith("./", StringComparison.Ordinal))
        {
            return Array.Empty<string>(); // an explicit relative path must resolve from the citing file
        }

        return mdFiles.Where(f => f == mention || f.EndsWith("/" + mention, StringComparison.Ordinal)).ToList();
    }

    /// <summary>Lines outside fenced code blocks, numbered from 1.</summary>
    private static IEnumerable<(int Line, string Content)> ProseLines(string markdown)
    {
        bool fenced = false;
        int number = 0;
        foreach (string raw in markdown.Split('\n'))
        {
            number++;
            string line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }

            if (!fenced)
            {
                yield return (number, line);
            }
        }
    }

    private static int LineOf(string text, int index)
    {
        int line = 1;
        for (int i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }
}
