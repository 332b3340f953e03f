using System.IO;

namespace Gateway.Cli.Tests.Docs;

/// <summary>
/// Issue 12 item 10: the README's sample output is what the command prints today. A change to the suite (scenarios,
/// checks, rules) fails here until README.md shows a fresh run: run the command and paste its output.
/// </summary>
public sealed class ReadmeSampleTests
{
    [Fact]
    public void ReadmeConformSample_MatchesARealRun()
    {
        ReadmeSample? sample = ReadmeSample.Find(File.ReadAllText(ReadmeSample.ReadmePath()), "conform");
        Assert.True(sample != null, "README.md has no sample block starting with '$ gateway conform'");

        CliResult run = CliRun.InProcess("conform");
        Assert.True(run.ExitCode == 0, run.ToString());
        string? mismatch = sample!.Mismatch(run.Out);
        Assert.True(mismatch == null, $"README.md's conform sample is stale: {mismatch}");
    }

    [Fact]
    public void ReadmeSample_ChangedCount_IsReported()
    {
        const string Markdown = """
            ```
            $ gateway conform
            │ §0 │ pass │
            │ …  │      │
            43 scenarios passed
            ```
            """;
        ReadmeSample sample = ReadmeSample.Find(Markdown, "conform")!;
        Assert.Null(sample.Mismatch("│ §0 │ pass │\n│ §4 │ pass │\n43 scenarios passed\n"));
        Assert.Contains("44 scenarios passed", sample.Mismatch("│ §0 │ pass │\n│ §4 │ pass │\n44 scenarios passed\n"));
        Assert.NotNull(sample.Mismatch("│ §0 │ pass │\n43 scenarios passed\n")); // nothing left out, yet '…'
    }

    [Fact]
    public void ReadmeSample_Durations_AreNormalised()
    {
        const string Markdown = """
            ```
            $ gateway bench
            done in 1.5 s, 20 ms per round trip
            ```
            """;
        ReadmeSample sample = ReadmeSample.Find(Markdown, "bench")!;
        Assert.Null(sample.Mismatch("done in 2.25 s, 7 ms per round trip   \n"));
        Assert.NotNull(sample.Mismatch("done in 2.25 s, 7 ms per page\n"));
    }
}
