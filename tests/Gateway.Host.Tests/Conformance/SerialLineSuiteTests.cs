using System;
using System.Linq;
using System.Threading.Tasks;
using Gateway.Host.Conformance;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Targets;
using Gateway.Host.Tests.Targets;

namespace Gateway.Host.Tests.Conformance;

/// <summary>
/// The built-in suite over a real serial line (a pseudo-terminal: the whole link over a tty, as a dev board on
/// /dev/ttyUSB0 has it) gives the picture it gives on <c>link+emu:</c>: every scenario passes, and a scenario is skipped
/// only for what one line really cannot carry (a second session beside the first, a transport dropped and
/// reconnected, a peer that never authenticated) — and, for a board another program serves, what that board is
/// (its width, its quirk resources) and that the harness cannot power-cycle it. Each is one test for the whole suite
/// on one target, as <c>gateway conform</c> runs it (its boards serve many sessions).
/// </summary>
public sealed class SerialLineSuiteTests
{
    /// <summary>
    /// <c>pty:</c>: the harness's own child boards follow each scenario's width and quirks and are rebooted by killing
    /// them, so only the line's limits skip. About 20 s on the 2-core machine, 10 s of them the silent-host scenario
    /// waiting out the board's 10 s session timeout in real time.
    /// </summary>
    [Fact]
    public async Task BuiltInSuite_OverPty_PassesOrSkipsOnlyForWhatOneLineCannotCarry()
    {
        await using ITarget pty = TargetRegistry.Create("pty:");
        string?[] lineLimits = { pty.Lacks(SessionCapability.Replace), pty.Lacks(SessionCapability.Drop), pty.Lacks(SessionCapability.BeforeAuth) };
        Assert.All(lineLimits, Assert.NotNull);
        Assert.Null(pty.Lacks(SessionCapability.Silence));
        Assert.Null(pty.Lacks(SessionCapability.Reboot));

        SuiteResult suite = await new ScenarioRunner(pty).RunAllAsync(BuiltInSuite.Load());

        AllPassOrSkipFor(suite, why => lineLimits.Contains(why));
        Assert.Equal(lineLimits.Length, suite.Skipped);
        Assert.Contains(suite.Scenarios, r => r.Name == "rm5-silent-host-times-out" && r.Outcome == Outcome.Pass);
        Assert.Contains(suite.Scenarios, r => r.Steps.Any(s => s.Op == "reboot") && r.Outcome == Outcome.Pass);
        Assert.Contains(suite.Scenarios, r => r.Name == "bits32-board" && r.Outcome == Outcome.Pass);
    }

    /// <summary>
    /// <c>serial:PATH</c> to the board <c>gateway emulate --pty</c> serves (the same app, here in a thread): the serial
    /// implementation a real board's tty gets. One 64-bit board without quirks that the harness does not run, so the
    /// 32-bit and quirk scenarios and the reboot are skipped too, each saying so. About 16 s.
    /// </summary>
    [Fact]
    public async Task BuiltInSuite_OverSerialToAServedBoard_PassesOrSkipsSayingWhatTheLineOrTheBoardLacks()
    {
        await using var board = await ServedBoardApp.PtyAsync();
        await using ITarget serial = TargetRegistry.Create($"serial:{board.Address}?key=dev");
        string?[] lacks = Enum.GetValues<SessionCapability>().Select(serial.Lacks).Where(w => w != null).ToArray();
        Assert.Equal(4, lacks.Length); // all but silence

        SuiteResult suite = await new ScenarioRunner(serial).RunAllAsync(BuiltInSuite.Load());

        AllPassOrSkipFor(suite, why => lacks.Contains(why)
            || why == "needs a 32-bit board; this one is 64-bit"
            || why.StartsWith("needs the emulated board's quirk resources", StringComparison.Ordinal));
        Assert.Contains(suite.Scenarios, r => r.Name == "rm5-silent-host-times-out" && r.Outcome == Outcome.Pass);
        Assert.True(suite.Passed >= 39, $"{suite.Passed} passed");
    }

    private static void AllPassOrSkipFor(SuiteResult suite, Func<string, bool> allowed) => Assert.All(suite.Scenarios, r =>
    {
        if (r.Outcome == Outcome.Skip)
        {
            Assert.True(r.SkipReason != null && allowed(r.SkipReason), $"{r.Name} skipped for a reason a serial line does not have: {r.SkipReason}");
            Assert.Empty(r.Steps); // decided before its first step
        }
        else
        {
            Assert.True(r.Outcome == Outcome.Pass, Report.Describe(r));
            Assert.Null(r.Interrupted);
        }
    });
}
