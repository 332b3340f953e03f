using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Gateway.Host.Conformance;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Board;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Targets;

namespace Gateway.Host.Tests.Faults;

/// <summary>
/// The fault soak (system.md §6, hardware-docs/performance.md): the whole built-in suite over <c>link+emu:</c> through
/// 1 % of each link fault, every board's /fw/status against the host's count; and a board reset in the middle of a
/// scenario, reported with both boot ids and the scenario retried once in a new session.
/// </summary>
public sealed class FaultSoakTests
{
    /// <summary>A scenario of many requests, so a reset after a few of them lands inside its steps.</summary>
    private const string Busy = """
        {"format":1,"name":"busy","rules":["RM-2"],"processes":[{"pid":2,"uid":100,"gid":100}],
         "steps":[{"do":"repeat","times":20,"steps":[
           {"do":"open","path":"/data/notes.txt","oflag":"O_RDONLY","as":"n","expect":{"fd":3}},
           {"do":"read","fd":"{fd:n}","nbytes":16,"expect":{"count":16}},
           {"do":"close","fd":"{fd:n}"}]}]}
        """;

    [Fact]
    public async Task BuiltInSuite_ThroughOnePercentOfEachFault_PassesAndNoRequestIsAppliedTwice()
    {
        var notices = new List<string>();
        var target = (LinkTarget)TargetRegistry.Create("link+emu:?faults=0.01&seed=7", new TargetSettings { Log = notices.Add });
        await using (target)
        {
            IReadOnlyList<Scenario> suite = BuiltInSuite.Load();
            SuiteResult result = await new ScenarioRunner(target).RunAllAsync(suite);
            SoakReport soak = await target.AuditAsync();

            Assert.True(result.Failed == 0, string.Join("\n", result.Scenarios.Where(s => s.Outcome == Outcome.Fail).Select(Report.Describe)));
            Assert.Equal(0, result.Skipped); // link+emu: starts the board each scenario needs (quirks, 32-bit)
            Assert.Equal(suite.Count, result.Passed);
            Assert.True(soak.Ok, string.Join("\n", soak.Lines()));
            Assert.All(soak.Audits, a => Assert.Equal(a.RequestsSent - a.RequestsRefused, a.RequestsApplied));
            Assert.All(soak.Audits, a => Assert.Equal(a.DeclaresSent - a.DeclaresRefused, a.DeclaresApplied));
            Assert.Equal(3, soak.Boards.Count); // 64-bit, 64-bit with quirks, 32-bit
            Assert.True(soak.Boards.Sum(b => b.Dropped) > 0 && soak.Boards.Sum(b => b.Corrupted) > 0 && soak.Boards.Sum(b => b.Duplicated) > 0
                && soak.Boards.Sum(b => b.Reordered) > 0 && soak.Boards.Sum(b => b.Delayed) > 0, "every kind of fault was injected: " + string.Join("; ", soak.Boards));
            Assert.True(soak.DuplicatesAnswered > 0, "the reply cache answered duplicates");
            Assert.Equal(7, soak.Boards[0].Seeds[0]);
            Assert.Contains(notices, n => n.Contains("fault seed 7", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("link+emu:?reset-after=20")]
    [InlineData("link+emu:?faults=0.01&seed=21&reset-after=20")]
    public async Task BoardResetMidScenario_OverTheLink_ReportedWithBothBootIdsAndRetriedOnce(string uri)
    {
        var target = (LinkTarget)TargetRegistry.Create(uri);
        await using (target)
        {
            var runner = new ScenarioRunner(target);
            ScenarioResult r = await runner.RunAsync(ScenarioFile.Parse(Busy, "busy.json"));
            SoakReport soak = await target.AuditAsync();

            BoardResetRecord reset = Assert.Single(target.Resets);
            Assert.NotEqual(reset.OldBootId, reset.NewBootId);
            Assert.Equal(Outcome.Pass, r.Outcome);
            // Reported on the scenario it interrupted, at the step (inside the repeat: "0.k[i]") where the link found out.
            Assert.StartsWith($"the board restarted during the session (boot id {reset.OldBootId} → {reset.NewBootId}): link lost at step 0.", r.Interrupted, StringComparison.Ordinal);
            Assert.EndsWith("retried in a new session", r.Interrupted, StringComparison.Ordinal);
            Assert.Equal(reset.NewBootId, r.BootId); // the retry ran on the new board, every step of it
            Assert.Equal(60, r.Steps.Count);
            Assert.True(soak.Ok, string.Join("\n", soak.Lines()));
            Assert.Equal(2, soak.Audits.Count); // the board before the reset, and after it
            Assert.Equal(reset.OldBootId, soak.Audits[0].BootId);
            Assert.Equal(reset.NewBootId, soak.Audits[1].BootId);
        }
    }

    [Fact]
    public async Task SameHostId_OverTheLink_TheBoardReplacesTheOldSessionAndClosesItsOcbs()
    {
        Scenario s = BuiltInSuite.Load().Single(x => x.Name == "rm5-same-host-id-replaces-the-session");
        var target = (LinkTarget)TargetRegistry.Create("link+emu:");
        await using (target)
        {
            ScenarioResult r = await new ScenarioRunner(target).RunAsync(s);

            Assert.True(r.Outcome == Outcome.Pass, Report.Describe(r));
            CheckResult ended = Assert.Single(r.Checks, c => c.Check == "old-session-ended");
            Assert.Equal("replaced", ended.Observed); // the board's CLOSE session-replaced, as the old link client saw it
            Assert.True(ended.Passed);
            Assert.Contains(r.Checks, c => c.Check == "unchanged_since" && c.Passed);
        }
    }

    [Fact]
    public async Task EventFrameLostOnTheLink_CountedByTheBoardsCounter_TheWaitPasses()
    {
        Scenario s = BuiltInSuite.Load().Single(x => x.Name == "device-gpio-loopback");
        var inner = (LinkTarget)TargetRegistry.Create("link+emu:");
        await using (inner)
        {
            ScenarioResult r = await new ScenarioRunner(new FirstEventLost(inner)).RunAsync(s);

            Assert.True(r.Outcome == Outcome.Pass, Report.Describe(r));
            CheckResult wait = r.Checks.First(c => c.Check == "events");
            Assert.StartsWith("0; 1 lost on the link", wait.Observed, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Soak_TargetOptions_AreCheckedAtOnce()
    {
        Assert.Throws<TargetUriException>(() => TargetRegistry.Create("link+emu:?reset-after=0"));
        Assert.Throws<TargetUriException>(() => TargetRegistry.Create("link+emu:?faults=0.5"));
        Assert.Throws<TargetUriException>(() => TargetRegistry.Create("link+emu:?speed=3"));
        Assert.Throws<TargetUriException>(() => TargetRegistry.Create("pty:?reset-after=5"));
    }

    /// <summary>A link target whose sessions never receive the first event frame (as a lossy link may lose it).</summary>
    private sealed class FirstEventLost(ITarget inner) : ITarget
    {
        public string Uri => inner.Uri;

        public string? CannotProvide(TargetRequirements requirements) => inner.CannotProvide(requirements);

        public async Task<ITargetSession> OpenSessionAsync(TargetRequirements requirements, System.Threading.CancellationToken cancellationToken = default) =>
            new Session(await inner.OpenSessionAsync(requirements, cancellationToken));

        public ValueTask DisposeAsync() => inner.DisposeAsync();

        private sealed class Session(ITargetSession inner) : ITargetSession
        {
            private bool dropped;

            public Gateway.Host.Board.IBoardChannel Channel => inner.Channel;

            public Gateway.Host.Link.BoardInfo Board => inner.Board;

            public string Description => inner.Description;

            public string BootId => inner.BootId;

            public bool ResetDetected => inner.ResetDetected;

            public Task<Gateway.Host.Link.LinkEndReason> Completion => inner.Completion;

            public async Task<BoardEvent?> NextEventAsync(TimeSpan timeout, System.Threading.CancellationToken cancellationToken = default)
            {
                BoardEvent? e = await inner.NextEventAsync(timeout, cancellationToken);
                if (e != null && !dropped)
                {
                    dropped = true;
                    return await inner.NextEventAsync(timeout, cancellationToken);
                }

                return e;
            }

            public Task AdvanceAsync(TimeSpan time, System.Threading.CancellationToken cancellationToken = default) => inner.AdvanceAsync(time, cancellationToken);

            public Task<SessionHandover> ContinueAsync(SessionEnd how, System.Threading.CancellationToken cancellationToken = default) => inner.ContinueAsync(how, cancellationToken);

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
