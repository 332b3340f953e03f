using System;
using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Protocol.Link;
using Gateway.Host.Targets;

namespace Gateway.Host.Tests.Conformance;

/// <summary>
/// Skips decided up front (hardware-docs/scenarios.md "Runs"): a scenario with a step its target cannot do — a second
/// session on one line, a dropped transport, silence without a link — is skipped before its first step, with that
/// step's reason, so its earlier steps never reach the board.
/// </summary>
public sealed class UpFrontSkipTests
{
    private static Scenario Parse(string name, string steps) => ScenarioFile.Parse(
        "{\"format\":2,\"name\":\"" + name + "\",\"rules\":[\"RM-5\"],\"processes\":[{\"pid\":2,\"uid\":100,\"gid\":100}],\"steps\":[" + steps + "]}", name + ".json");

    /// <summary>
    /// On pty: (one persistent board in a child process, one line) the 3rd step drops the transport, which a line cannot
    /// do. Run in full, steps 0 and 1 would open a session and overwrite the start of /data/notes.txt (a starting file
    /// keeps what is written until reboot, board-resources.md). The next scenario on the same board finds neither: the
    /// board's only session ever is its own, and the file reads as at boot.
    /// </summary>
    [Fact]
    public async Task Scenario_ThirdStepTheLineCannotDo_LeavesNoTraceOnTheBoard_AndIsSkippedWithThatStepsReason_RM5()
    {
        await using ITarget pty = TargetRegistry.Create("pty:");
        var runner = new ScenarioRunner(pty);
        Scenario dropping = Parse("drops-the-line",
            "{\"do\":\"open\",\"path\":\"/data/notes.txt\",\"oflag\":\"O_RDWR\",\"as\":\"n\"}," +
            "{\"do\":\"write\",\"fd\":\"{fd:n}\",\"text\":\"a trace that outlives the session: forty\",\"offset\":0}," +
            "{\"do\":\"new_session\",\"how\":\"drop\",\"host\":\"other\"}," +
            "{\"do\":\"status\"}");

        ScenarioResult skipped = await runner.RunAsync(dropping);

        Assert.Equal(Outcome.Skip, skipped.Outcome);
        string? reason = pty.Lacks(SessionCapability.Drop);
        Assert.NotNull(reason);
        Assert.Equal(reason, skipped.SkipReason);
        Assert.Empty(skipped.Steps);
        Assert.Null(skipped.Target); // no session was opened for it

        ScenarioResult after = await runner.RunAsync(Parse("finds-no-trace",
            "{\"do\":\"status\",\"expect\":{\"files\":{\"/data/notes.txt\":{\"open\":0,\"write\":0}}," +
            "\"json\":{\"link\":{\"sessions-opened\":1,\"sessions-ended\":0}}}}," +
            "{\"do\":\"open\",\"path\":\"/data/notes.txt\",\"oflag\":\"O_RDONLY\",\"as\":\"n\"}," +
            "{\"do\":\"read\",\"fd\":\"{fd:n}\",\"nbytes\":21,\"offset\":0,\"expect\":{\"text\":\"Gateway board notes.\\n\"}}"));
        Assert.True(after.Outcome == Outcome.Pass, Report.Describe(after));
    }

    /// <summary>emu: has no link to go silent on: a silence inside a repeat is found before the scenario starts.</summary>
    [Fact]
    public async Task Scenario_UnsupportedStepInsideARepeat_IsSkippedBeforeItsFirstStep()
    {
        await using ITarget emu = TargetRegistry.Create("emu:");
        ScenarioResult r = await new ScenarioRunner(emu).RunAsync(Parse("nested",
            "{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\"}," +
            "{\"do\":\"repeat\",\"times\":2,\"steps\":[{\"do\":\"status\"},{\"do\":\"new_session\",\"how\":\"silence\"}]}"));

        Assert.Equal(Outcome.Skip, r.Outcome);
        Assert.Equal(emu.Lacks(SessionCapability.Silence), r.SkipReason);
        Assert.Empty(r.Steps);
    }

    /// <summary>A step marked skip never runs, so what it would need does not skip its scenario.</summary>
    [Fact]
    public async Task Scenario_UnsupportedStepMarkedSkip_RunsTheOthers()
    {
        await using ITarget emu = TargetRegistry.Create("emu:");
        ScenarioResult r = await new ScenarioRunner(emu).RunAsync(Parse("step-skipped",
            "{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\"}," +
            "{\"do\":\"new_session\",\"how\":\"drop\",\"skip\":\"not on this board\"}," +
            "{\"do\":\"status\",\"expect\":{\"files\":{\"/data/app\":{\"open\":1}}}}"));

        Assert.True(r.Outcome == Outcome.Pass, Report.Describe(r));
        Assert.Equal(3, r.Steps.Count);
    }

    /// <summary>What each scheme's sessions can do: a line (pty:, serial:) has one stream for every session; only the boards the harness runs restart.</summary>
    [Theory]
    [InlineData("emu:", "BeforeAuth,Drop,Silence")]
    [InlineData("link+emu:", "")]
    [InlineData("pty:", "BeforeAuth,Drop,Replace")]
    [InlineData("serial:/dev/ttyUSB7", "BeforeAuth,Drop,Reboot,Replace")]
    [InlineData("tcp://127.0.0.1:7447", "Reboot")]
    public async Task Lacks_EachScheme_NamesWhatItsSessionsCannotDo(string uri, string lacking)
    {
        await using ITarget target = TargetRegistry.Create(uri, new TargetSettings { Key = DevelopmentKey.Create() });
        var lacks = new System.Collections.Generic.List<string>();
        foreach (SessionCapability c in Enum.GetValues<SessionCapability>())
        {
            if (target.Lacks(c) is string why)
            {
                Assert.Contains(target.Uri, why, StringComparison.Ordinal);
                lacks.Add(c.ToString());
            }
        }

        lacks.Sort(StringComparer.Ordinal);
        Assert.Equal(lacking, string.Join(",", lacks));
    }
}
