using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Link;
using Gateway.Host.Targets;

namespace Gateway.Host.Tests.Conformance;

/// <summary>
/// Scenario format 2 steps around sessions and boots (hardware-docs/scenarios.md): a reboot inside a scenario, a request
/// before authentication, a session ended by silence or a dropped transport with another host id next, and a scenario
/// that declares pid 1 itself. Each runs where a target can do it and is skipped, saying why, where it cannot.
/// </summary>
public sealed class Format2SessionTests
{
    private static Scenario Parse(string steps, string extra = "") => ScenarioFile.Parse(
        "{\"format\":2,\"name\":\"t\",\"rules\":[\"RM-5\"]," + extra + "\"processes\":[{\"pid\":2,\"uid\":100,\"gid\":100}],\"steps\":[" + steps + "]}", "t.json");

    private static async Task<ScenarioResult> Run(string target, string steps, string extra = "")
    {
        await using ITarget t = TargetRegistry.Create(target);
        return await new ScenarioRunner(t).RunAsync(Parse(steps, extra));
    }

    private static void Passes(ScenarioResult r) => Assert.True(r.Outcome == Outcome.Pass, Report.Describe(r));

    /// <summary>A file created at run time goes with the boot (/data starts afresh); names and st_ino stay (board-resources.md).</summary>
    private const string Reboot =
        "{\"do\":\"open\",\"path\":\"/data/made\",\"oflag\":\"O_RDWR|O_CREAT\",\"mode\":\"0644\"}," +
        "{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\",\"as\":\"a\"}," +
        "{\"do\":\"stat\",\"fd\":\"{fd:a}\",\"capture\":{\"ino\":\"stat.st_ino\"}}," +
        "{\"do\":\"reboot\",\"capture\":{\"boot\":\"boot_id\"}}," +
        "{\"do\":\"open\",\"path\":\"/data/made\",\"oflag\":\"O_RDONLY\",\"expect\":{\"errno\":\"ENOENT\"}}," +
        "{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\",\"as\":\"b\",\"expect\":{\"fd\":3}}," +
        "{\"do\":\"stat\",\"fd\":\"{fd:b}\",\"expect\":{\"stat\":{\"st_ino\":\"{cap:ino}\"}}}," +
        "{\"do\":\"status\",\"expect\":{\"files\":{\"/data/made\":{\"absent\":true}}}}";

    [Theory]
    [InlineData("emu:")]
    [InlineData("link+emu:")]
    public async Task Reboot_InsideAScenario_KeepsInodesAndLosesRunTimeFiles(string target)
    {
        ScenarioResult r = await Run(target, Reboot);
        Passes(r);
        Assert.Null(r.Interrupted);
        Assert.Contains(r.Steps, s => s.Op == "reboot" && s.Checks.Any(c => c.Check == "boot-id" && c.Passed));
    }

    [Fact]
    public async Task Reboot_WhereTheBoardCannotBeRestarted_SkipsSayingWhy()
    {
        ScenarioResult r = await new ScenarioRunner(new NoRebootTarget()).RunAsync(Parse(Reboot));
        Assert.Equal(Outcome.Skip, r.Outcome);
        Assert.Contains("cannot restart this board", r.SkipReason, StringComparison.Ordinal);
    }

    /// <summary>An O_CREAT open that, executed, would create a file /fw/status then lists.</summary>
    private const string BeforeAuth =
        "{\"do\":\"before_auth\",\"pid\":2,\"coid\":3,\"wire\":{\"type\":\"connect\",\"fields\":{\"subtype\":\"_IO_CONNECT_OPEN\",\"path\":\"data/never\",\"ioflag\":\"O_RDWR|O_CREAT\",\"mode\":\"S_IFREG|0644\"}}}," +
        "{\"do\":\"status\",\"expect\":{\"files\":{\"/data/never\":{\"absent\":true}}}}";

    [Fact]
    public async Task BeforeAuth_OverTheLink_IsRefusedEpermAndNeverExecuted()
    {
        ScenarioResult r = await Run("link+emu:", BeforeAuth);
        Passes(r);
        Assert.Equal("refused: EPERM (1), not-authenticated", r.Steps[0].Checks.Single(c => c.Check == "not-authenticated").Observed);
    }

    [Fact]
    public async Task BeforeAuth_OnEmu_HasNoLink_AndIsSkipped()
    {
        ScenarioResult r = await Run("emu:", BeforeAuth);
        Assert.Equal(Outcome.Skip, r.Outcome);
        Assert.Contains("no link and so no authentication", r.SkipReason, StringComparison.Ordinal);
    }

    private const string Ended =
        "{\"do\":\"status\",\"as\":\"before\"}," +
        "{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\"}," +
        "{\"do\":\"new_session\",\"how\":\"HOW\",\"host\":\"other\"}," +
        "{\"do\":\"poll\",\"max\":50,\"interval_ms\":20,\"steps\":[{\"do\":\"status\",\"expect\":{\"unchanged_since\":\"before\"}}]}";

    [Theory]
    [InlineData("silence", "timed out")]
    [InlineData("drop", "dropped")]
    public async Task NewSession_BySilenceOrADroppedLink_EndsTheOldOne_RM5(string how, string ended)
    {
        ScenarioResult r = await Run("link+emu:", Ended.Replace("HOW", how, StringComparison.Ordinal));
        Passes(r);
        Assert.Equal(ended, r.Steps[2].Checks.Single(c => c.Check == "old-session-ended").Observed);
    }

    [Fact]
    public async Task NewSession_BySilence_OnEmu_IsSkipped()
    {
        ScenarioResult r = await Run("emu:", Ended.Replace("HOW", "silence", StringComparison.Ordinal));
        Assert.Equal(Outcome.Skip, r.Outcome);
        Assert.Contains("emu: has no link", r.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undeclared_PidsAreRefusedUntilDeclareSteps_DeclareThem()
    {
        const string Open = "{\"do\":\"raw\",\"pid\":PID,\"coid\":COID,\"wire\":{\"type\":\"connect\",\"fields\":{\"subtype\":\"_IO_CONNECT_OPEN\",\"path\":\"data/app\",\"ioflag\":\"O_RDONLY\"}}EXPECT}";
        string steps =
            Open.Replace("PID", "1", StringComparison.Ordinal).Replace("COID", "\"0x60000000\"", StringComparison.Ordinal).Replace("EXPECT", ",\"expect\":{\"errno\":\"EPERM\"}", StringComparison.Ordinal) + "," +
            Open.Replace("PID", "2", StringComparison.Ordinal).Replace("COID", "3", StringComparison.Ordinal).Replace("EXPECT", ",\"expect\":{\"errno\":\"EPERM\"}", StringComparison.Ordinal) + "," +
            "{\"do\":\"declare\",\"pid\":1}," +
            "{\"do\":\"declare\",\"pid\":1,\"expect\":{\"errno\":\"EBUSY\"}}," +
            "{\"do\":\"declare\",\"pid\":2}," +
            "{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\",\"expect\":{\"fd\":3}}," +
            "{\"do\":\"status\",\"expect\":{\"files\":{\"/data/app\":{\"open\":1}}}}";
        Passes(await Run("emu:", steps, "\"undeclared\":true,"));
        // Not declared: the client's open is the board's EPERM, not a success.
        ScenarioResult r = await Run("emu:", "{\"do\":\"declare\",\"pid\":1},{\"do\":\"raw\",\"pid\":2,\"coid\":3,\"hex\":\"0000\",\"expect\":{\"status\":0}}", "\"undeclared\":true,");
        Assert.Contains(r.Failures, c => c.Check == "errno" && c.Observed.StartsWith("EPERM", StringComparison.Ordinal));
    }

    /// <summary>
    /// The coid of a raw step in an undeclared scenario, and of before_auth, is an expression like any other: a capture
    /// (or placeholder) works there. The raw open lands on coid 3 only if the capture (EPERM = 1, + 2) was evaluated:
    /// the next open then gets fd 4.
    /// </summary>
    [Fact]
    public async Task Coid_FromACapture_InAnUndeclaredScenarioAndInBeforeAuth_IsTheOneUsed()
    {
        const string Open = "\"wire\":{\"type\":\"connect\",\"fields\":{\"subtype\":\"_IO_CONNECT_OPEN\",\"path\":\"data/app\",\"ioflag\":\"O_RDONLY\"}}";
        string undeclared =
            "{\"do\":\"raw\",\"pid\":2,\"coid\":5," + Open + ",\"expect\":{\"errno\":\"EPERM\"},\"capture\":{\"e\":\"errno\"}}," +
            "{\"do\":\"declare\",\"pid\":1},{\"do\":\"declare\",\"pid\":2}," +
            "{\"do\":\"raw\",\"pid\":2,\"coid\":\"{cap:e} + 2\"," + Open + "}," +
            "{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\",\"expect\":{\"fd\":4}}";
        Passes(await Run("emu:", undeclared, "\"undeclared\":true,"));

        string beforeAuth =
            "{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\",\"capture\":{\"c\":\"fd\"}}," +
            BeforeAuth.Replace("\"coid\":3", "\"coid\":\"{cap:c} + 1\"", StringComparison.Ordinal);
        Passes(await Run("link+emu:", beforeAuth));
        ScenarioResult unbound = await Run("link+emu:", BeforeAuth.Replace("\"coid\":3", "\"coid\":\"{cap:nothing}\"", StringComparison.Ordinal));
        Assert.Contains(unbound.Failures, c => c.Check == "run" && c.Observed.Contains("cap:nothing", StringComparison.Ordinal));
    }

    /// <summary>The emulated board behind a session that cannot restart it (as a board over a serial line).</summary>
    private sealed class NoRebootTarget : ITarget
    {
        private readonly ITarget inner = TargetRegistry.Create("emu:");

        public string Uri => "fixed:";

        public string? CannotProvide(TargetRequirements requirements) => inner.CannotProvide(requirements);

        public async Task<ITargetSession> OpenSessionAsync(TargetRequirements requirements, CancellationToken cancellationToken = default) =>
            new Fixed(await inner.OpenSessionAsync(requirements, cancellationToken));

        public ValueTask DisposeAsync() => inner.DisposeAsync();

        private sealed class Fixed(ITargetSession s) : ITargetSession
        {
            public IBoardChannel Channel => s.Channel;

            public BoardInfo Board => s.Board;

            public string Description => "a fixed board";

            public string BootId => s.BootId;

            public bool ResetDetected => s.ResetDetected;

            public Task<LinkEndReason> Completion => s.Completion;

            public Task<BoardEvent?> NextEventAsync(TimeSpan timeout, CancellationToken cancellationToken = default) => s.NextEventAsync(timeout, cancellationToken);

            public Task AdvanceAsync(TimeSpan time, CancellationToken cancellationToken = default) => s.AdvanceAsync(time, cancellationToken);

            public Task<SessionHandover> ContinueAsync(SessionEnd how, CancellationToken cancellationToken = default) => s.ContinueAsync(how, cancellationToken);

            public ValueTask DisposeAsync() => s.DisposeAsync();
        }
    }
}
