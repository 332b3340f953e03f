using System.Linq;
using System.Threading.Tasks;
using Gateway.Host.Conformance;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Targets;

namespace Gateway.Host.Tests.Conformance;

/// <summary>Every scenario of the built-in suite against the emulated board: passes, or is skipped with a reason.</summary>
public sealed class BuiltInSuiteTests
{
    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (Scenario s in BuiltInSuite.Load())
        {
            data.Add(s.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task BuiltInScenario_AgainstEmulatedBoard_Passes(string name)
    {
        Scenario s = BuiltInSuite.Load().Single(x => x.Name == name);
        var runner = new ScenarioRunner(TargetRegistry.Create("emu:"));
        ScenarioResult r = await runner.RunAsync(s);
        if (r.Outcome == Outcome.Skip)
        {
            Assert.False(string.IsNullOrWhiteSpace(r.SkipReason), "a skipped scenario says why");
            return;
        }

        Assert.True(r.Outcome == Outcome.Pass, Report.Describe(r));
    }

    /// <summary>
    /// The same scenario on one board configuration pinned for every scenario (as a real board or a pty: target
    /// is): a 32-bit board with the quirk resources. A scenario must not depend on the board's width or extras
    /// unless it says so in its target.
    /// </summary>
    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task BuiltInScenario_OnA32BitBoardWithQuirks_Passes(string name)
    {
        Scenario s = BuiltInSuite.Load().Single(x => x.Name == name);
        var runner = new ScenarioRunner(TargetRegistry.Create("emu:?bits=32&quirks=1"));
        ScenarioResult r = await runner.RunAsync(s);
        if (r.Outcome == Outcome.Skip)
        {
            Assert.False(string.IsNullOrWhiteSpace(r.SkipReason), "a skipped scenario says why");
            return;
        }

        Assert.True(r.Outcome == Outcome.Pass, Report.Describe(r));
    }
}
