using System;
using System.Linq;
using System.Threading.Tasks;
using Gateway.Host.Conformance;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Targets;

namespace Gateway.Host.Tests.Conformance;

/// <summary>
/// The built-in suite over <c>pty:</c> — the emulated board in child processes behind a real pseudo-terminal, the whole
/// link over a tty as a dev board on /dev/ttyUSB0 has it — gives the picture it gives on <c>link+emu:</c>: every
/// scenario passes, and a scenario is skipped only for what one serial line really cannot carry (a second session
/// beside the first, a transport dropped and reconnected, a peer that never authenticated). Width, quirks, silence
/// and reboots are not reasons: the child boards follow each scenario's needs and are restarted by killing them.
/// </summary>
public sealed class PtySuiteTests
{
    /// <summary>
    /// One test for the whole suite, on one target as <c>gateway conform -T pty:</c> runs it (its boards serve many
    /// sessions). About 20 s on the 2-core machine, 10 s of them the silent-host scenario waiting out the board's
    /// 10 s session timeout in real time.
    /// </summary>
    [Fact]
    public async Task BuiltInSuite_OverAPseudoTerminal_PassesOrSkipsOnlyForWhatOneLineCannotCarry()
    {
        await using ITarget pty = TargetRegistry.Create("pty:");
        string?[] lineLimits =
        {
            pty.Lacks(SessionCapability.Replace), pty.Lacks(SessionCapability.Drop), pty.Lacks(SessionCapability.BeforeAuth),
        };
        Assert.All(lineLimits, Assert.NotNull);
        Assert.Null(pty.Lacks(SessionCapability.Silence));
        Assert.Null(pty.Lacks(SessionCapability.Reboot));

        SuiteResult suite = await new ScenarioRunner(pty).RunAllAsync(BuiltInSuite.Load());

        Assert.All(suite.Scenarios, r =>
        {
            if (r.Outcome == Outcome.Skip)
            {
                Assert.True(lineLimits.Contains(r.SkipReason), $"{r.Name} skipped for a reason a serial line does not have: {r.SkipReason}");
                Assert.Empty(r.Steps);
            }
            else
            {
                Assert.True(r.Outcome == Outcome.Pass, Report.Describe(r));
                Assert.Null(r.Interrupted);
            }
        });
        Assert.Contains(suite.Scenarios, r => r.Name == "rm5-silent-host-times-out" && r.Outcome == Outcome.Pass);
        Assert.Contains(suite.Scenarios, r => r.Steps.Any(s => s.Op == "reboot") && r.Outcome == Outcome.Pass);
        Assert.Contains(suite.Scenarios, r => r.Name == "bits32-board" && r.Outcome == Outcome.Pass);
    }
}
