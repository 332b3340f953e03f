using System;
using System.Linq;
using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Targets;

namespace Gateway.Host.Tests.Conformance;

/// <summary>Scenario format 2: comparisons on expectations; format-1 files read as before.</summary>
public sealed class Format2Tests
{
    private static string File(int format, string steps) =>
        "{\"format\":" + format + ",\"name\":\"t\",\"rules\":[\"RM-1\"],\"processes\":[{\"pid\":2,\"uid\":100,\"gid\":100}],\"steps\":[" + steps + "]}";

    private static Task<ScenarioResult> Run(string steps) =>
        new ScenarioRunner(TargetRegistry.Create("emu:")).RunAsync(ScenarioFile.Parse(File(2, steps), "t.json"));

    [Fact]
    public async Task Comparisons_OnValuesAndPatternLeaves_Hold()
    {
        ScenarioResult r = await Run(
            "{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\",\"as\":\"f\",\"expect\":{\"fd\":{\">=\":3,\"<\":10,\"!=\":4}}}," +
            "{\"do\":\"stat\",\"fd\":\"{fd:f}\",\"expect\":{\"stat\":{\"st_size\":{\">=\":1,\"any_of\":[8192,4096]},\"st_mode\":{\"has\":\"S_IFREG\",\"clear\":\"S_ISUID|S_ISGID\"}}}}," +
            "{\"do\":\"status\",\"expect\":{\"ocbs_in_use\":{\"<=\":\"{fd:f}\"},\"files\":{\"/data/app\":{\"open\":{\"any_of\":[1,2]}}}}}");
        Assert.True(r.Outcome == Outcome.Pass, Report.Describe(r));
    }

    [Fact]
    public async Task Comparison_ThatFails_ShowsTheComparisonAndTheObservedValue()
    {
        ScenarioResult r = await Run(
            "{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\",\"as\":\"f\",\"expect\":{\"fd\":{\"has\":\"0x10\"}}}," +
            "{\"do\":\"stat\",\"fd\":\"{fd:f}\",\"expect\":{\"stat\":{\"st_size\":{\"<\":\"{fd:f}\"}}}}");
        CheckResult[] failed = r.Failures.ToArray();
        Assert.Equal(2, failed.Length);
        Assert.Equal("has 0x10 = 16 (0x10)", failed[0].Expected);
        Assert.Equal("3", failed[0].Observed);
        Assert.Contains("stat.st_size: expected < {fd:f} = 3, observed 8192", failed[1].Observed, StringComparison.Ordinal);
    }

    [Fact]
    public void Format1_ComparisonObject_IsRefusedAsBefore()
    {
        var e = Assert.Throws<ScenarioFormatException>(() => ScenarioFile.Parse(File(1,
            "{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\",\"expect\":{\"fd\":{\">=\":3}}}"), "t.json"));
        Assert.Contains("expect.fd: must be an integer or an expression string, not Object", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Format2_UnknownOperatorOrFormat3_AreErrorsNamingTheField()
    {
        var e = Assert.Throws<ScenarioFormatException>(() => ScenarioFile.Parse(File(2,
            "{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\",\"expect\":{\"fd\":{\"any_of\":[]}}}"), "t.json"));
        Assert.Contains("expect.fd.any_of: must be a non-empty array of values", e.Message, StringComparison.Ordinal);
        var f = Assert.Throws<ScenarioFormatException>(() => ScenarioFile.Parse(File(3, ""), "t.json"));
        Assert.Contains("it reads 1 to 2", f.Message, StringComparison.Ordinal);
    }
}
