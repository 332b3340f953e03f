using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Steps;

namespace Gateway.Host.Tests.Conformance;

/// <summary>
/// Each step kind (hardware-docs/scenarios.md "Steps") reads its own keys: a minimal step of every kind loads, a
/// missing required argument, an unknown argument and an expectation of another kind are each refused naming the
/// field, and the rules between arguments are the kind's.
/// </summary>
public sealed class StepKindTests
{
    private const string Head = "{\"format\":2,\"name\":\"t\",\"processes\":[{\"pid\":2,\"uid\":0}],\"steps\":[";

    /// <summary>The smallest valid step of every kind.</summary>
    private static readonly Dictionary<string, string> Minimal = new(StringComparer.Ordinal)
    {
        ["declare"] = "{\"do\":\"declare\",\"pid\":3,\"uid\":100}",
        ["open"] = "{\"do\":\"open\",\"path\":\"/data/app\"}",
        ["close"] = "{\"do\":\"close\",\"fd\":3}",
        ["mmap"] = "{\"do\":\"mmap\",\"fd\":3,\"length\":4096,\"prot\":\"PROT_READ\",\"flags\":\"MAP_SHARED\"}",
        ["mmap_device_memory"] = "{\"do\":\"mmap_device_memory\",\"length\":4096,\"prot\":\"PROT_READ\",\"physical\":0}",
        ["mmap_device_io"] = "{\"do\":\"mmap_device_io\",\"length\":4096,\"io\":0}",
        ["munmap"] = "{\"do\":\"munmap\",\"addr\":4096,\"length\":4096}",
        ["msync"] = "{\"do\":\"msync\",\"addr\":4096,\"length\":4096,\"flags\":\"MS_SYNC\"}",
        ["mprotect"] = "{\"do\":\"mprotect\",\"addr\":4096,\"length\":4096,\"prot\":\"PROT_READ\"}",
        ["load"] = "{\"do\":\"load\",\"addr\":4096,\"width\":4}",
        ["store"] = "{\"do\":\"store\",\"addr\":4096,\"width\":4,\"value\":1}",
        ["read"] = "{\"do\":\"read\",\"fd\":3,\"nbytes\":4}",
        ["write"] = "{\"do\":\"write\",\"fd\":3,\"text\":\"x\"}",
        ["stat"] = "{\"do\":\"stat\",\"fd\":3}",
        ["raw"] = "{\"do\":\"raw\",\"coid\":3,\"hex\":\"0000\"}",
        ["status"] = "{\"do\":\"status\"}",
        ["wait_event"] = "{\"do\":\"wait_event\",\"source\":1}",
        ["advance"] = "{\"do\":\"advance\",\"ms\":10}",
        ["repeat"] = "{\"do\":\"repeat\",\"times\":2,\"steps\":[{\"do\":\"advance\",\"ms\":1}]}",
        ["poll"] = "{\"do\":\"poll\",\"max\":3,\"steps\":[{\"do\":\"status\"}]}",
        ["new_session"] = "{\"do\":\"new_session\"}",
        ["reboot"] = "{\"do\":\"reboot\"}",
        ["before_auth"] = "{\"do\":\"before_auth\",\"hex\":\"0000\"}",
    };

    public static IEnumerable<object[]> Kinds => StepKinds.Names.Select(n => new object[] { n });

    private static ScenarioFormatException Refused(string step) =>
        Assert.Throws<ScenarioFormatException>(() => ScenarioFile.ParseAll(Head + step + "]}", "k.json"));

    private static Step Parsed(string step) => ScenarioFile.Parse(Head + step + "]}", "k.json").Steps[0];

    private static string With(string step, Action<JsonObject> change)
    {
        var o = JsonNode.Parse(step)!.AsObject();
        change(o);
        return o.ToJsonString();
    }

    [Fact]
    public void Registry_EveryKindHasAMinimalStepHere_AndNoneTwice()
    {
        Assert.Equal(Minimal.Keys.Order(StringComparer.Ordinal), StepKinds.Names.Order(StringComparer.Ordinal));
        Assert.Equal(StepKinds.Names.Count(), StepKinds.Names.Distinct().Count());
    }

    [Fact]
    public void Registry_EveryKindIsDocumentedInScenariosMd()
    {
        string doc = File.ReadAllText(Path.Combine(RepoRoot(), "hardware-docs", "scenarios.md"));
        string[] rows = doc.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToArray();
        foreach (string name in StepKinds.Names)
        {
            Assert.Contains(rows, r => r.Split('|')[1].Contains($"`{name}`", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void MinimalStep_Loads_AsItsKind(string kind)
    {
        Step step = Parsed(Minimal[kind]);
        Assert.Same(StepKinds.Find(kind), step.Kind);
        Assert.Equal($"{kind} #0", step.Name);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void MissingRequiredArgument_IsRefused_NamingItAndTheKind(string kind)
    {
        StepSchema schema = StepKinds.Find(kind)!.Schema;
        foreach (string key in schema.Required)
        {
            var e = Refused(With(Minimal[kind], o => o.Remove(key)));
            Assert.Equal(key, e.Field);
            Assert.Equal(0, e.StepIndex);
            Assert.Equal($"missing (a {kind} step needs {string.Join(", ", schema.Required)})", e.Reason);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void UnknownArgument_IsRefused(string kind)
    {
        var e = Refused(With(Minimal[kind], o => o["nbytess"] = 1));
        Assert.Equal("nbytess", e.Field);
        Assert.Equal("unknown key", e.Reason);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ExpectationOfNoKind_IsRefused_ListingTheKindsOwn(string kind)
    {
        StepSchema schema = StepKinds.Find(kind)!.Schema;
        var e = Refused(With(Minimal[kind], o => o["expect"] = new JsonObject { ["colour"] = 1 }));
        Assert.Equal("expect.colour", e.Field);
        Assert.Equal($"not an expectation of a {kind} step (known: {string.Join(", ", schema.Expect.Select(x => x.Key))})", e.Reason);
    }

    [Theory]
    [InlineData("{\"do\":\"raw\",\"coid\":3}", "hex", "a raw step gives exactly one of hex and wire")]
    [InlineData("{\"do\":\"raw\",\"coid\":3,\"hex\":\"00\",\"wire\":{\"type\":\"close\",\"fields\":{}}}", "hex", "a raw step gives exactly one of hex and wire")]
    [InlineData("{\"do\":\"write\",\"fd\":3}", "bytes", "a write step gives exactly one of bytes and text")]
    [InlineData("{\"do\":\"write\",\"fd\":3,\"bytes\":\"00\",\"text\":\"x\"}", "bytes", "a write step gives exactly one of bytes and text")]
    [InlineData("{\"do\":\"store\",\"addr\":0,\"width\":4}", "value", "a store step gives exactly one of value (with width) and bytes")]
    [InlineData("{\"do\":\"store\",\"addr\":0,\"value\":1}", "width", "a store of a value needs its width (1, 2, 4 or 8)")]
    [InlineData("{\"do\":\"store\",\"addr\":0,\"width\":3,\"value\":1}", "width", "3: a width is 1, 2, 4 or 8 bytes")]
    [InlineData("{\"do\":\"load\",\"addr\":0}", "width", "a load step gives exactly one of width (1, 2, 4 or 8) and count (bytes)")]
    [InlineData("{\"do\":\"load\",\"addr\":0,\"width\":4,\"count\":4}", "width", "a load step gives exactly one of width (1, 2, 4 or 8) and count (bytes)")]
    [InlineData("{\"do\":\"load\",\"addr\":0,\"width\":16}", "width", "16: a width is 1, 2, 4 or 8 bytes")]
    [InlineData("{\"do\":\"new_session\",\"how\":\"hang\"}", "how", "'hang': a session ends by \"close\" (the host's CLOSE), \"replace\" (a new session with the same host id), \"silence\" (the host stops sending until the board times the session out) or \"drop\" (the transport dropped)")]
    [InlineData("{\"do\":\"new_session\",\"how\":\"replace\",\"host\":\"other\"}", "host", "a replacing session presents the same host id: \"other\" does not go with \"replace\"")]
    [InlineData("{\"do\":\"poll\",\"max\":0,\"steps\":[{\"do\":\"status\"}]}", "max", "0: a poll makes 1 to 10000 attempts")]
    [InlineData("{\"do\":\"before_auth\"}", "hex", "a before_auth step gives exactly one of hex and wire")]
    [InlineData("{\"do\":\"load\",\"addr\":0,\"width\":4,\"expect\":{\"mask\":{\"has\":1}}}", "expect.mask", "is the bits of the value compared, not a comparison: compare the value itself ({\"value\": {\"has\": M}} or {\"clear\": M})")]
    [InlineData("{\"do\":\"open\",\"path\":\"/data/app\",\"capture\":{\"x\":\"reply.coid\"}}", "capture.x", "'reply.coid': a open step observes errno, fd (a path begins with one of them)")]
    [InlineData("{\"do\":\"advance\",\"ms\":1,\"capture\":{\"x\":\"errno\"}}", "capture.x", "a advance step observes nothing to capture")]
    [InlineData("{\"do\":\"load\",\"addr\":0,\"width\":4,\"expect\":{\"signal\":\"SIGKILL\"}}", "expect.signal", "'SIGKILL': expected \"none\", \"SIGSEGV\" or \"SIGBUS\"")]
    [InlineData("{\"do\":\"raw\",\"coid\":3,\"hex\":\"00\",\"expect\":{\"reply_type\":\"mmap-replyy\"}}", "expect.reply_type", "unknown wire type 'mmap-replyy'")]
    [InlineData("{\"do\":\"declare\",\"pid\":3,\"uid\":1,\"groups\":[1,2,3,4,5,6,7,8,9]}", "groups", "must be an array of at most 8 group ids")]
    public void RuleBetweenArguments_IsTheKinds_AndNamesTheField(string step, string field, string reason)
    {
        var e = Refused(step);
        Assert.Equal(field, e.Field);
        Assert.Equal(reason, e.Reason);
    }

    [Fact]
    public void Width_GivenByAPlaceholder_IsCheckedWhenTheStepRuns()
    {
        Step step = Parsed("{\"do\":\"load\",\"addr\":0,\"width\":\"{value:w}\"}");
        Assert.NotNull(step.Arg("width"));
    }

    [Fact]
    public void Pid_MissingFromAProcessStep_DefaultsToTheFirstProcess_ButNotForBoardSteps()
    {
        Assert.Equal("2", Parsed(Minimal["close"]).Arg("pid")!.Text);
        Assert.Null(Parsed(Minimal["status"]).Arg("pid"));
        var e = Assert.Throws<ScenarioFormatException>(() => ScenarioFile.ParseAll("{\"format\":1,\"name\":\"t\",\"steps\":[" + Minimal["close"] + "]}", "k.json"));
        Assert.Equal("pid", e.Field);
        Assert.Equal("missing, and the scenario declares no process to default to", e.Reason);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Gateway.sln not found above " + AppContext.BaseDirectory);
    }
}
