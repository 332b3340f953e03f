using System;
using System.Linq;
using Gateway.Host.Conformance;
using Gateway.Host.Conformance.Format;

namespace Gateway.Host.Tests.Conformance;

/// <summary>Malformed scenario files: every error names the file, the step (index and name) and the field.</summary>
public sealed class ScenarioFormatTests
{
    private const string Head = "{\"format\":1,\"name\":\"t\",\"processes\":[{\"pid\":2,\"uid\":100}],\"steps\":[";

    private static ScenarioFormatException Refused(string json, string file = "t.json") =>
        Assert.Throws<ScenarioFormatException>(() => ScenarioFile.ParseAll(json, file));

    [Fact]
    public void UnknownOperation_NamesFileStepAndDo()
    {
        var e = Refused(Head + "{\"name\":\"first\",\"do\":\"open\",\"path\":\"/data/app\"},{\"name\":\"second\",\"do\":\"mmapp\"}]}");
        Assert.Equal("t.json", e.File);
        Assert.Equal(1, e.StepIndex);
        Assert.Equal("second", e.StepName);
        Assert.Equal("do", e.Field);
        Assert.StartsWith("t.json: step 1 (\"second\"): do: unknown operation 'mmapp'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MisspelledSymbol_NamesTheExpectationField()
    {
        var e = Refused(Head + "{\"name\":\"m\",\"do\":\"mmap\",\"fd\":3,\"length\":4096,\"prot\":\"PROT_READ\",\"flags\":\"MAP_SHARED\",\"expect\":{\"allowed_prot\":\"PROT_RAED\"}}]}");
        Assert.Equal(0, e.StepIndex);
        Assert.Equal("expect.allowed_prot", e.Field);
        Assert.Contains("unknown symbol 'PROT_RAED'", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownStepKey_IsRefused()
    {
        var e = Refused(Head + "{\"do\":\"close\",\"fd\":3,\"fdd\":4}]}");
        Assert.Equal("fdd", e.Field);
        Assert.Equal("unknown key", e.Reason);
    }

    [Fact]
    public void MissingArgument_NamesIt()
    {
        var e = Refused(Head + "{\"do\":\"mmap\",\"fd\":3,\"prot\":\"PROT_READ\",\"flags\":\"MAP_SHARED\"}]}");
        Assert.Equal("length", e.Field);
        Assert.Contains("missing", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectationOfAnotherOperation_IsRefused()
    {
        var e = Refused(Head + "{\"do\":\"close\",\"fd\":3,\"expect\":{\"allowed_prot\":256}}]}");
        Assert.Equal("expect.allowed_prot", e.Field);
        Assert.Contains("not an expectation of a close step", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownErrnoAndPlaceholder_AreRefused()
    {
        Assert.Equal("expect.errno", Refused(Head + "{\"do\":\"close\",\"fd\":3,\"expect\":{\"errno\":4242}}]}").Field);
        var p = Refused(Head + "{\"do\":\"close\",\"fd\":\"{file:x}\"}]}");
        Assert.Equal("fd", p.Field);
        Assert.Contains("unknown placeholder kind 'file'", p.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void BadHexAndMessageKind_AreRefused()
    {
        Assert.Equal("hex", Refused(Head + "{\"do\":\"raw\",\"coid\":3,\"hex\":\"0g\"}]}").Field);
        var k = Refused(Head + "{\"do\":\"close\",\"fd\":3,\"expect\":{\"messages\":[\"_IO_CLOSE\",\"CLOSE\"]}}]}");
        Assert.Equal("expect.messages[1]", k.Field);
    }

    [Fact]
    public void NestedRepeatStep_NamesTheOuterStepAndThePath()
    {
        var e = Refused(Head + "{\"do\":\"open\",\"path\":\"/x\"},{\"name\":\"loop\",\"do\":\"repeat\",\"times\":2,\"steps\":[{\"do\":\"open\",\"path\":\"/x\"},{\"do\":\"close\"}]}]}");
        Assert.Equal(1, e.StepIndex);
        Assert.Equal("loop", e.StepName);
        Assert.Equal("steps[1].fd", e.Field);
    }

    [Fact]
    public void HeaderProblems_NameTheField()
    {
        Assert.Equal("format", Refused("{\"format\":3,\"name\":\"t\",\"steps\":[]}").Field);
        Assert.Equal("processes[0].bits", Refused("{\"format\":1,\"name\":\"t\",\"processes\":[{\"pid\":2,\"uid\":1,\"bits\":16}],\"steps\":[]}").Field);
        Assert.Equal("target.requires[0]", Refused("{\"format\":1,\"name\":\"t\",\"target\":{\"requires\":[\"eeprom\"]},\"steps\":[]}").Field);
        var j = Refused("{\"format\":1,", "broken.json");
        Assert.Equal("broken.json", j.File);
        Assert.Equal("(JSON)", j.Field);
        Assert.Null(j.StepIndex);
    }

    [Fact]
    public void SuiteFile_NamesTheScenarioInTheFile()
    {
        var e = Refused("{\"format\":1,\"area\":\"x\",\"scenarios\":[{\"name\":\"ok\",\"steps\":[]},{\"name\":\"bad\",\"steps\":[{\"do\":\"advance\"}]}]}", "s.json");
        Assert.Equal("s.json scenarios[1] (bad)", e.File);
        Assert.Equal(0, e.StepIndex);
        Assert.Equal("ms", e.Field);
    }

    [Fact]
    public void Expressions_FollowCPrecedenceOctalAndSymbols()
    {
        Assert.Equal(0x300UL, Eval("PROT_READ|PROT_WRITE"));
        Assert.Equal(0x81EDUL, Eval("S_IFREG|0755"));
        Assert.Equal(1UL << 5 | 1, Eval("1 << 4 + 1 | 1"));
        Assert.Equal(unchecked((ulong)-4096L), Eval("-4096"));
        Assert.Equal(0x19UL, Eval("USE_EXTENDED|_IO_MMAP_REPLY_FLAGS_STAT_FORM_T64_2008"));
        Assert.Equal(13UL, Eval("EACCES"));
        Assert.Throws<FormatException>(() => Expr.Parse("PROT_READ |"));
        Assert.Throws<FormatException>(() => Expr.Parse("089"));
    }

    private static ulong Eval(string text) => Expr.Parse(text).Evaluate(new NoPlaceholders());

    private sealed class NoPlaceholders : IExprContext
    {
        public bool TryResolve(Placeholder placeholder, out object value, out string error)
        {
            value = 0UL;
            error = "none";
            return false;
        }

        public ulong Dynamic(string symbol) => 0;
    }

    [Fact]
    public void BuiltInSuite_ParsesAndCoversEveryRule()
    {
        var suite = BuiltInSuite.Load();
        var rules = suite.SelectMany(s => s.AllRules).ToHashSet();
        foreach (string rule in new[] { "RM-0", "RM-1", "RM-2", "RM-2a", "RM-2b", "RM-3", "RM-4", "RM-6", "RM-7", "RM-8", "RM-9", "RM-10", "RM-11", "RM-12", "RM-13", "RM-14", "RM-15", "RM-16", "RM-17", "RM-18" })
        {
            Assert.Contains(rule, rules);
        }

        for (int i = 1; i <= 12; i++)
        {
            Assert.Contains($"MM-{i}", rules);
        }

        Assert.Contains(suite, s => s.Target.Quirks);
        Assert.Contains(suite, s => s.Target.Bits == 32);
        Assert.Contains(suite, s => s.Target.Requires.Contains("wiring"));
        Assert.Equal(suite.Count, suite.Select(s => s.Name).Distinct().Count());
    }
}
