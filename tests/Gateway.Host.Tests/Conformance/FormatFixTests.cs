using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Targets;
using Gateway.Host.Wire;

namespace Gateway.Host.Tests.Conformance;

/// <summary>What scenario writers found in format 1: file paths as keys, signed fields, dirent lists, reports, fd and coid bookkeeping.</summary>
public sealed class FormatFixTests
{
    private const string Head = "{\"format\":1,\"name\":\"t\",\"rules\":[\"RM-1\"],\"processes\":[{\"pid\":2,\"uid\":100,\"gid\":100}],\"steps\":[";

    private static Task<ScenarioResult> Run(string steps) =>
        new ScenarioRunner(TargetRegistry.Create("emu:")).RunAsync(ScenarioFile.Parse(Head + steps + "]}", "t.json"));

    private static void AssertPass(ScenarioResult r) => Assert.True(r.Outcome == Outcome.Pass, Report.Describe(r));

    [Fact]
    public async Task StatusFiles_KeyedByAPathWithDots_IsThatFile()
    {
        // §4 /fw/status: a file's counts are found by its path, dots and all.
        AssertPass(await Run(
            "{\"do\":\"open\",\"path\":\"/data/notes.txt\",\"oflag\":\"O_RDONLY\"}," +
            "{\"do\":\"status\",\"expect\":{\"files\":{\"/data/notes.txt\":{\"open\":1}}}}"));
    }

    [Fact]
    public async Task WireField_Signed_TakesANegativeValue()
    {
        // RM-2: whence is an i16; -1 is no whence, refused EINVAL by the board (not by the encoder).
        AssertPass(await Run(
            "{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\",\"as\":\"f\"}," +
            "{\"do\":\"raw\",\"coid\":\"{fd:f}\",\"wire\":{\"type\":\"lseek\",\"fields\":{\"whence\":-1}},\"expect\":{\"errno\":\"EINVAL\"}}," +
            "{\"do\":\"raw\",\"coid\":\"{fd:f}\",\"wire\":{\"type\":\"lseek\",\"fields\":{\"whence\":\"-SEEK_CUR\"}},\"expect\":{\"errno\":\"EINVAL\"}}"));
    }

    [Fact]
    public void DirentReply_OneRecord_DecodesAsAList()
    {
        byte[] one = WireTypes.Find("dirent")!.Encode(
            JsonDocument.Parse("{\"d_ino\":5,\"d_offset\":1,\"d_reclen\":24,\"d_namelen\":3,\"d_name\":\"abc\"}").RootElement, new WireOptions(0));
        JsonArray list = Assert.IsType<JsonArray>(WireJson.Decode("dirent", one));
        Assert.Equal("abc", (string?)Assert.Single(list)!["d_name"]);
    }

    [Fact]
    public void Report_ACheckCitingTwoRules_IsOneLine_AndQuietShowsEveryFailure()
    {
        var r = new ScenarioResult { Name = "s", File = "f.json" };
        var s0 = new StepResult { Index = 0, Id = "0", Name = "a", Op = "mmap", Rules = new[] { "RM-13", "MM-4" } };
        s0.AddForRules("errno", "EOK (0)", "EACCES (13)", passed: false);
        var s1 = new StepResult { Index = 1, Id = "1", Name = "b", Op = "load", Rules = new[] { "MM-8" } };
        s1.AddForRules("value", "1", "2", passed: false);
        r.Steps.Add(s0);
        r.Steps.Add(s1);

        string text = Report.Describe(r);
        Assert.Single(text.Split('\n'), l => l.Contains("errno: expected", StringComparison.Ordinal));
        Assert.Contains("RM-13 MM-4 errno: expected EOK (0); observed EACCES (13)", text, StringComparison.Ordinal);
        Assert.Equal(
            "FAIL s: RM-13 MM-4 errno: expected EOK (0); observed EACCES (13)\n  step 1: MM-8 value: expected 1; observed 2\n",
            Report.Quiet(r));
    }

    [Fact]
    public async Task RawConnect_CombineCloseBindsNoFd_AndRawCloseFreesOne()
    {
        // rules.md §5: only what binds an OCB uses an fd.
        AssertPass(await Run(
            "{\"do\":\"raw\",\"coid\":\"new\",\"wire\":{\"type\":\"connect\",\"fields\":{\"subtype\":\"_IO_CONNECT_COMBINE_CLOSE\",\"path\":\"data/app\",\"extra\":\"0401 0800 00000000\"}},\"as\":\"cc\"}," +
            "{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\",\"expect\":{\"fd\":\"{coid:cc}\"}}," +
            "{\"do\":\"raw\",\"coid\":\"new\",\"wire\":{\"type\":\"connect\",\"fields\":{\"subtype\":\"_IO_CONNECT_OPEN\",\"path\":\"data/app\"}},\"as\":\"o\"}," +
            "{\"do\":\"raw\",\"coid\":\"{coid:o}\",\"wire\":{\"type\":\"close\",\"fields\":{}}}," +
            "{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\",\"expect\":{\"fd\":\"{coid:o}\"}}"));
    }

    [Fact]
    public async Task RawMmapAsPid1_ThenMmap_ReusesThatMappingOcb()
    {
        // RM-15, MM-6: the raw _IO_MMAP sent as pid 1 is the memory manager's own; mmap() adopts the OCB it returns.
        AssertPass(await Run(
            "{\"do\":\"open\",\"path\":\"/data/app\",\"oflag\":\"O_RDONLY\",\"as\":\"f\"}," +
            "{\"do\":\"raw\",\"pid\":1,\"coid\":\"new\",\"wire\":{\"type\":\"mmap-request\",\"fields\":{\"prot\":\"PROT_READ\",\"required_prot\":\"PROT_READ\",\"info\":{\"pid\":2,\"coid\":\"{fd:f}\"},\"requested_len\":4096}},\"as\":\"m\"}," +
            "{\"do\":\"mmap\",\"fd\":\"{fd:f}\",\"length\":4096,\"prot\":\"PROT_READ\",\"flags\":\"MAP_SHARED\",\"expect\":{\"coid\":\"{coid:m}\"}}"));
    }
}
