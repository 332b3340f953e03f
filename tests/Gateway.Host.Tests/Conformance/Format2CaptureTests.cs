using System;
using System.Linq;
using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Targets;

namespace Gateway.Host.Tests.Conformance;

/// <summary>
/// Scenario format 2 (hardware-docs/scenarios.md): captures of observed values, reply sizes in <c>messages</c>
/// entries, patterns requiring a key to be absent, comparisons on <c>wait_event</c>'s count, the bounded poll and
/// <c>mmap_device_io</c> — each passing on the emulated board, and failing where it must.
/// </summary>
public sealed class Format2CaptureTests
{
    private const string Procs = "\"processes\":[{\"pid\":2,\"uid\":100,\"gid\":100},{\"pid\":3,\"uid\":0}]";

    private static Task<ScenarioResult> Run(string steps, string target = "emu:") =>
        new ScenarioRunner(TargetRegistry.Create(target)).RunAsync(ScenarioFile.Parse(
            "{\"format\":2,\"name\":\"t\",\"rules\":[\"RM-15\"]," + Procs + ",\"steps\":[" + steps + "]}", "t.json"));

    private static void Passes(ScenarioResult r) => Assert.True(r.Outcome == Outcome.Pass, Report.Describe(r));

    [Fact]
    public async Task Capture_ReplyField_IsTheSameCoidForTheSecondMapping_RM15()
    {
        Passes(await Run(
            "{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\",\"as\":\"f\"}," +
            "{\"do\":\"mmap\",\"fd\":\"{fd:f}\",\"length\":4096,\"prot\":\"PROT_READ\",\"flags\":\"MAP_SHARED\",\"capture\":{\"ca\":\"reply.base.coid\",\"ino\":\"stat.st_ino\"}}," +
            "{\"do\":\"mmap\",\"fd\":\"{fd:f}\",\"length\":4096,\"prot\":\"PROT_READ\",\"flags\":\"MAP_SHARED\",\"expect\":{\"reply\":{\"base.coid\":\"{cap:ca}\"},\"stat\":{\"st_ino\":\"{cap:ino}\"}}}"));
    }

    [Fact]
    public async Task Capture_ThatDiffers_FailsShowingTheCapturedValue()
    {
        ScenarioResult r = await Run(
            "{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\",\"as\":\"f\",\"capture\":{\"fa\":\"fd\"}}," +
            "{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\",\"expect\":{\"fd\":\"{cap:fa}\"}}");
        CheckResult failed = Assert.Single(r.Failures);
        Assert.Equal("fd", failed.Check);
        Assert.Equal("{cap:fa} = 3", failed.Expected);
        Assert.Equal("4", failed.Observed);
    }

    [Fact]
    public async Task Capture_StatusCounter_WentUpByExactlyOne_AndNotByTwo()
    {
        const string Before = "{\"do\":\"status\",\"capture\":{\"n0\":{\"from\":\"files./data/notes.txt.open\",\"default\":0}}}," +
            "{\"do\":\"open\",\"path\":\"/data/notes.txt\",\"oflag\":\"O_RDONLY\"},";
        Passes(await Run(Before + "{\"do\":\"status\",\"expect\":{\"files\":{\"/data/notes.txt\":{\"open\":\"{cap:n0} + 1\"}}}}"));
        ScenarioResult r = await Run(Before + "{\"do\":\"status\",\"expect\":{\"files\":{\"/data/notes.txt\":{\"open\":\"{cap:n0} + 2\"}}}}");
        Assert.Contains("files./data/notes.txt.open: expected {cap:n0} + 2 = 2, observed 1", Assert.Single(r.Failures).Observed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Capture_BytesReadAndAnArraySelector_AreUsableLater()
    {
        Passes(await Run(
            "{\"do\":\"open\",\"path\":\"/data/notes.txt\",\"oflag\":\"O_RDWR\",\"as\":\"n\"}," +
            "{\"do\":\"write\",\"fd\":\"{fd:n}\",\"text\":\"hello\",\"offset\":0}," +
            "{\"do\":\"read\",\"fd\":\"{fd:n}\",\"nbytes\":5,\"offset\":0,\"capture\":{\"b\":\"bytes\",\"c\":\"count\"}}," +
            "{\"do\":\"read\",\"fd\":\"{fd:n}\",\"nbytes\":\"{cap:c}\",\"offset\":0,\"expect\":{\"bytes\":\"{cap:b}\"}}," +
            "{\"do\":\"status\",\"capture\":{\"opened\":\"json.files[path=/data/notes.txt].open\"}}," +
            "{\"do\":\"status\",\"expect\":{\"ocbs_in_use\":{\">=\":\"{cap:opened}\"},\"files\":{\"/data/notes.txt\":{\"open\":\"{cap:opened}\"}}}}"));
    }

    [Fact]
    public async Task Capture_OfNothing_FailsNamingThePathAndWhatWasObserved()
    {
        ScenarioResult r = await Run("{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\",\"capture\":{\"x\":\"fd.nope\"}}");
        CheckResult failed = Assert.Single(r.Failures);
        Assert.Equal("capture", failed.Check);
        Assert.Contains("nothing at 'fd.nope' (found up to 'fd'); the step observed errno, fd", failed.Observed, StringComparison.Ordinal);
    }

    [Fact]
    public void Capture_InFormat1_IsRefused()
    {
        var e = Assert.Throws<ScenarioFormatException>(() => ScenarioFile.Parse(
            "{\"format\":1,\"name\":\"t\"," + Procs + ",\"steps\":[{\"do\":\"open\",\"path\":\"/data/app\",\"capture\":{\"x\":\"fd\"}}]}", "t.json"));
        Assert.Equal("capture", e.Field);
        Assert.Equal("captures need \"format\": 2", e.Reason);
    }

    [Fact]
    public async Task Absent_KeyMissing_Holds_AndAPresentKey_Fails()
    {
        Passes(await Run("{\"do\":\"status\",\"expect\":{\"files\":{\"/data/created-later\":{\"absent\":true},\"/data/app\":{\"absent\":false}}}}"));
        ScenarioResult r = await Run(
            "{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\"}," +
            "{\"do\":\"status\",\"expect\":{\"files\":{\"/data/app\":{\"open\":{\"absent\":true}}}}}");
        Assert.Contains("files./data/app.open: expected absent, observed 1", Assert.Single(r.Failures).Observed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplySize_InAMessagesEntry_ComparesTheBoardsReply()
    {
        const string Open = "{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\",\"as\":\"f\"},";
        Passes(await Run(Open +
            "{\"do\":\"stat\",\"fd\":\"{fd:f}\",\"expect\":{\"messages\":[{\"type\":\"_IO_STAT\",\"reply_size\":{\">=\":72,\"any_of\":[72,120]}}]}}"));
        ScenarioResult r = await Run(Open +
            "{\"do\":\"stat\",\"fd\":\"{fd:f}\",\"expect\":{\"messages\":[{\"type\":\"_IO_STAT\",\"reply_size\":24}]}}");
        CheckResult failed = Assert.Single(r.Failures);
        Assert.Equal("messages", failed.Check);
        Assert.Contains("[0] _IO_STAT got a reply of ", failed.Observed, StringComparison.Ordinal);
        Assert.Contains(" bytes, expected 24", failed.Observed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitEventCount_AsAComparison_JudgesWhatArrived()
    {
        Passes(await Run("{\"do\":\"wait_event\",\"source\":99,\"timeout_ms\":50,\"expect\":{\"count\":{\"<=\":1}}}"));
        ScenarioResult r = await Run("{\"do\":\"wait_event\",\"source\":99,\"timeout_ms\":50,\"expect\":{\"count\":{\">=\":1}}}");
        CheckResult failed = Assert.Single(r.Failures);
        Assert.Equal(">= 1 event(s) source 99", failed.Expected);
        Assert.Equal("0", failed.Observed);
    }

    [Fact]
    public async Task Poll_RepeatsUntilTheChecksHold_AndReportsOnlyThatAttempt()
    {
        ScenarioResult r = await Run("{\"do\":\"poll\",\"max\":5,\"interval_ms\":1,\"steps\":[{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\",\"expect\":{\"fd\":{\">=\":5}}}]}");
        Passes(r);
        Assert.Equal(new[] { "0", "0.0[2]" }, r.Steps.Select(s => s.Id).ToArray());
        Assert.Equal("held at attempt 3", r.Steps[0].Checks[0].Observed);
    }

    [Fact]
    public async Task Poll_ThatNeverHolds_FailsAtItsBound()
    {
        ScenarioResult r = await Run("{\"do\":\"poll\",\"max\":3,\"steps\":[{\"do\":\"status\",\"expect\":{\"ocbs_in_use\":99}}]}");
        Assert.Equal(Outcome.Fail, r.Outcome);
        Assert.Equal("not within 3 attempt(s); the last attempt's failures follow", r.Failures.First(c => c.Check == "poll").Observed);
        Assert.Equal("0.0[2]", r.Steps.Last().Id);
    }

    [Fact]
    public async Task MmapDeviceIo_RootMapsTheWindow_AClientIsRefused_MM12()
    {
        Passes(await Run(
            "{\"do\":\"mmap_device_io\",\"pid\":2,\"length\":4096,\"io\":\"{map:windows.0.start}\",\"expect\":{\"errno\":\"EPERM\",\"messages\":\"none\"}}," +
            "{\"do\":\"mmap_device_io\",\"pid\":3,\"length\":4096,\"io\":\"{map:windows.0.start}\",\"as\":\"w\",\"expect\":{\"allowed_prot\":{\"has\":\"PROT_READ|PROT_WRITE\"}}}," +
            "{\"do\":\"load\",\"pid\":3,\"addr\":\"{addr:w}\",\"width\":4}"));
    }
}
