using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Targets;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;

namespace Gateway.Host.Tests.Conformance;

/// <summary>The runner against the emulated board: wrong expectations fail with clear messages, skips say why, resets retry.</summary>
public sealed class RunnerTests
{
    private const string Head = "{\"format\":1,\"name\":\"t\",\"rules\":[\"RM-11\"],\"processes\":[{\"pid\":2,\"uid\":100,\"gid\":100}],\"steps\":[";

    private static Task<ScenarioResult> Run(string steps, ITarget? target = null, string head = Head) =>
        new ScenarioRunner(target ?? TargetRegistry.Create("emu:")).RunAsync(ScenarioFile.Parse(head + steps + "]}", "t.json"));

    [Fact]
    public async Task WrongErrno_FailsNamingRuleExpectedAndObserved()
    {
        ScenarioResult r = await Run(
            "{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\",\"as\":\"f\"}," +
            "{\"name\":\"wrong\",\"do\":\"mmap\",\"fd\":\"{fd:f}\",\"length\":4096,\"prot\":\"PROT_READ|PROT_WRITE\",\"flags\":\"MAP_SHARED\",\"expect\":{\"errno\":\"EROFS\"}}");
        Assert.Equal(Outcome.Fail, r.Outcome);
        CheckResult c = Assert.Single(r.Failures);
        Assert.Equal("RM-11", c.Rule);
        Assert.Equal("errno", c.Check);
        Assert.Equal("EROFS (30)", c.Expected);
        Assert.Equal("EACCES (13)", c.Observed);
        Assert.Contains("step 1 \"wrong\"", Report.Describe(r), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongMessagesAndAllowedProt_Fail()
    {
        ScenarioResult r = await Run(
            "{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\",\"as\":\"f\"}," +
            "{\"do\":\"mmap\",\"fd\":\"{fd:f}\",\"length\":4096,\"prot\":\"PROT_READ\",\"flags\":\"MAP_SHARED\",\"expect\":{\"allowed_prot\":\"PROT_READ\",\"messages\":\"none\"}}");
        Assert.Equal(2, r.Failures.Count());
        Assert.Contains(r.Failures, c => c.Check == "allowed_prot" && c.Observed.Contains("1280", StringComparison.Ordinal));
        Assert.Contains(r.Failures, c => c.Check == "messages" && c.Expected == "none" && c.Observed.StartsWith("_IO_MMAP", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PlaceholderWithNoValue_FailsTheStepSayingSo()
    {
        ScenarioResult r = await Run("{\"do\":\"close\",\"fd\":\"{fd:nothing}\"}");
        CheckResult c = Assert.Single(r.Failures);
        Assert.Contains("{fd:nothing} has no value", c.Observed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuccessfulMapping_IsJudgedByTheReplyChecks()
    {
        ScenarioResult r = await Run(
            "{\"do\":\"open\",\"path\":\"/dev/gpio/bank0\",\"pid\":3,\"oflag\":\"O_RDWR\",\"as\":\"g\"}," +
            "{\"do\":\"mmap\",\"pid\":3,\"fd\":\"{fd:g}\",\"length\":4096,\"prot\":\"PROT_READ|PROT_WRITE\",\"flags\":\"MAP_SHARED\"}",
            head: Head.Replace("{\"pid\":2,\"uid\":100,\"gid\":100}", "{\"pid\":3,\"uid\":0}", StringComparison.Ordinal));
        Assert.Equal(Outcome.Pass, r.Outcome);
        var judged = r.Checks.Where(c => c.Rule == ReplyJudge.Rule).Select(c => c.Check).ToHashSet();
        foreach (string check in new[] { "reply-size", "reply-kind", "use-extended", "reserved-zero", "flags", "offset-fd-zero", "allowed-superset", "allowed-rwx", "stat-vs-io-stat", "st_size" })
        {
            Assert.Contains(check, judged);
        }
    }

    [Fact]
    public async Task TamperedReply_FailsTheReplyChecks()
    {
        // A board whose extended replies carry junk in zero32 and lack BYPASS_FSTATVFS.
        var target = new TamperingTarget(body =>
        {
            if (body.Length == IoMmapReplyExt.Size)
            {
                body[IoMmapReplyExt.OffZero32] = 1;
                body[IoMmapReplyExt.OffFlags] &= unchecked((byte)~MmapReplyFlags.BypassFstatvfs);
            }
        });
        ScenarioResult r = await Run(
            "{\"do\":\"open\",\"path\":\"/dev/removable0\",\"oflag\":\"O_RDONLY\",\"as\":\"d\"}," +
            "{\"do\":\"mmap\",\"fd\":\"{fd:d}\",\"length\":4096,\"prot\":\"PROT_READ\",\"flags\":\"MAP_SHARED\"}", target);
        Assert.Equal(Outcome.Fail, r.Outcome);
        Assert.Contains(r.Failures, c => c.Rule == "§4" && c.Check == "reserved-zero" && c.Observed.Contains("zero32 0x1", StringComparison.Ordinal));
        Assert.Contains(r.Failures, c => c.Rule == "§4" && c.Check == "flags" && c.Expected.Contains("BYPASS_FSTATVFS", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MissingDeclaration_SkipsWithAReason()
    {
        ScenarioResult r = await new ScenarioRunner(TargetRegistry.Create("emu:")).RunAsync(ScenarioFile.Parse(
            "{\"format\":1,\"name\":\"t\",\"target\":{\"requires\":[\"spi:AT25XE041\"]},\"steps\":[]}", "t.json"));
        Assert.Equal(Outcome.Skip, r.Outcome);
        Assert.Contains("AT25XE041", r.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PinnedTargetOptions_SkipScenariosThatNeedOthers()
    {
        var runner = new ScenarioRunner(TargetRegistry.Create("emu:?bits=64&quirks=0"));
        ScenarioResult bits = await runner.RunAsync(ScenarioFile.Parse("{\"format\":1,\"name\":\"a\",\"target\":{\"bits\":32},\"steps\":[]}", "a.json"));
        ScenarioResult quirks = await runner.RunAsync(ScenarioFile.Parse("{\"format\":1,\"name\":\"b\",\"target\":{\"quirks\":true},\"steps\":[]}", "b.json"));
        Assert.Equal("needs a 32-bit board; emu:?bits=64&quirks=0 is 64-bit", bits.SkipReason);
        Assert.Contains("quirk resources", quirks.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void TargetUri_UnknownSchemeOrOption_IsAUsageError()
    {
        Assert.Throws<TargetUriException>(() => TargetRegistry.Create("emu:?bits=16"));
        Assert.Throws<TargetUriException>(() => TargetRegistry.Create("emu:?speed=3"));
        Assert.Contains("unknown scheme 'carrier:'", Assert.Throws<TargetUriException>(() => TargetRegistry.Create("carrier:x")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BoardResetDuringAScenario_IsReportedAndRetriedOnce()
    {
        var target = new ResettingTarget(resetsInSessions: 1);
        ScenarioResult r = await Run("{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\"},{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\",\"expect\":{\"fd\":4}}", target);
        Assert.Equal(2, target.Sessions);
        Assert.Equal(Outcome.Pass, r.Outcome);
        Assert.Contains("the board restarted during the session", r.Interrupted, StringComparison.Ordinal);
        Assert.Contains("at step 0", r.Interrupted, StringComparison.Ordinal);
        Assert.Equal(2, r.Steps.Count);
    }

    [Fact]
    public async Task BoardResetAgainDuringTheRetry_FailsTheScenario()
    {
        var target = new ResettingTarget(resetsInSessions: 2);
        ScenarioResult r = await Run("{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\"}", target);
        Assert.Equal(2, target.Sessions);
        Assert.Equal(Outcome.Fail, r.Outcome);
        Assert.True(r.ResetAgain);
    }

    [Fact]
    public async Task RepeatStep_RunsItsBodyWithTheIndex()
    {
        ScenarioResult r = await Run("{\"do\":\"repeat\",\"times\":3,\"steps\":[{\"do\":\"open\",\"path\":\"/data/notes.txt\",\"oflag\":\"O_RDONLY\",\"expect\":{\"fd\":\"3 + {i}\"}}]}");
        Assert.Equal(Outcome.Pass, r.Outcome);
        Assert.Equal(new[] { "0.0[0]", "0.0[1]", "0.0[2]" }, r.Steps.Select(s => s.Id));
    }

    /// <summary>The emulated board with every reply body passed through <c>tamper</c> first.</summary>
    private sealed class TamperingTarget(Action<byte[]> tamper) : ITarget
    {
        private readonly ITarget inner = TargetRegistry.Create("emu:");

        public string Uri => "tampered:";

        public string? CannotProvide(TargetRequirements requirements) => inner.CannotProvide(requirements);

        public async Task<ITargetSession> OpenSessionAsync(TargetRequirements requirements, CancellationToken cancellationToken = default) =>
            new WrappedSession(await inner.OpenSessionAsync(requirements, cancellationToken), c => new TamperingChannel(c, tamper), () => false);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    /// <summary>The emulated board that "restarts" after the first message of its first N sessions.</summary>
    private sealed class ResettingTarget(int resetsInSessions) : ITarget
    {
        private readonly ITarget inner = TargetRegistry.Create("emu:");

        public int Sessions { get; private set; }

        public string Uri => "resetting:";

        public string? CannotProvide(TargetRequirements requirements) => null;

        public async Task<ITargetSession> OpenSessionAsync(TargetRequirements requirements, CancellationToken cancellationToken = default)
        {
            Sessions++;
            bool resets = Sessions <= resetsInSessions;
            ITargetSession s = await inner.OpenSessionAsync(requirements, cancellationToken);
            CountingChannel? counting = null;
            return new WrappedSession(s, c => counting = new CountingChannel(c), () => resets && counting!.Count > 2);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    private sealed class WrappedSession(ITargetSession inner, Func<IBoardChannel, IBoardChannel> wrap, Func<bool> reset) : ITargetSession
    {
        public IBoardChannel Channel { get; } = wrap(inner.Channel);

        public Gateway.Host.Link.BoardInfo Board => inner.Board;

        public string Description => inner.Description;

        public string BootId => inner.BootId;

        public bool ResetDetected => reset();

        public Task<Gateway.Host.Link.LinkEndReason> Completion => inner.Completion;

        public Task<BoardEvent?> NextEventAsync(TimeSpan timeout, CancellationToken cancellationToken = default) => inner.NextEventAsync(timeout, cancellationToken);

        public Task AdvanceAsync(TimeSpan time, CancellationToken cancellationToken = default) => inner.AdvanceAsync(time, cancellationToken);

        public Task<SessionHandover> ContinueAsync(SessionEnd how, CancellationToken cancellationToken = default) => inner.ContinueAsync(how, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    private sealed class TamperingChannel(IBoardChannel inner, Action<byte[]> tamper) : IBoardChannel
    {
        public int MaxMessageSize => inner.MaxMessageSize;

        public async Task<BoardReply> SendAsync(int pid, int coid, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
        {
            BoardReply r = await inner.SendAsync(pid, coid, message, cancellationToken);
            byte[] body = r.Body.ToArray();
            tamper(body);
            return r with { Body = body };
        }

        public Task<int> DeclareProcessAsync(int pid, CredInfo cred, bool is64Bit, CancellationToken cancellationToken = default) =>
            inner.DeclareProcessAsync(pid, cred, is64Bit, cancellationToken);
    }

    private sealed class CountingChannel(IBoardChannel inner) : IBoardChannel
    {
        public int Count;

        public int MaxMessageSize => inner.MaxMessageSize;

        public Task<BoardReply> SendAsync(int pid, int coid, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Count);
            return inner.SendAsync(pid, coid, message, cancellationToken);
        }

        public Task<int> DeclareProcessAsync(int pid, CredInfo cred, bool is64Bit, CancellationToken cancellationToken = default) =>
            inner.DeclareProcessAsync(pid, cred, is64Bit, cancellationToken);
    }
}
