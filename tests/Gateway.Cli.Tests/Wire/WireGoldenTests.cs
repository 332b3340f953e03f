using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Protocol.Tests.Qnx;

namespace Gateway.Cli.Tests.Wire;

/// <summary><c>gateway wire decode|encode</c> in-process against every hand-built golden vector.</summary>
public sealed class WireGoldenTests
{
    public static IEnumerable<object[]> Vectors()
    {
        foreach (GoldenVector v in GoldenVectors.Wire)
        {
            yield return new object[] { v.Name };
        }
    }

    internal static GoldenVector Get(string name)
    {
        return GoldenVectors.Wire.Single(v => v.Name == name);
    }

    internal static string[] Args(string verb, GoldenVector v, string input)
    {
        var args = new List<string> { "wire", verb, "--type", v.WireType };
        if (v.Form != null)
        {
            args.Add("--form");
            args.Add(v.Form);
        }

        args.Add(input);
        return args.ToArray();
    }

    internal static void AssertFields(GoldenVector v, JsonElement json)
    {
        foreach (GoldenField f in v.Fields)
        {
            JsonElement e = CliRun.At(json, f.Path);
            if (f.Number.HasValue)
            {
                Assert.True(e.ValueKind == JsonValueKind.Number, $"{v.Name}: {f.Path} is {e.ValueKind}, expected a number");
                Assert.True(f.Number.Value.ToString() == e.GetRawText(), $"{v.Name}: {f.Path} printed {e.GetRawText()}, expected {f.Number.Value}");
            }
            else
            {
                Assert.True(e.ValueKind == JsonValueKind.String, $"{v.Name}: {f.Path} is {e.ValueKind}, expected a string");
                Assert.Equal(f.Text, e.GetString());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void WireDecode_GoldenVector_PrintsEveryFieldByItsCPath(string name)
    {
        GoldenVector v = Get(name);
        CliResult r = CliRun.InProcess(Args("decode", v, v.Hex));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("", r.Error);
        AssertFields(v, r.Json());
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void WireDecode_GoldenVector_PrintsNoKeysButTheCMembers(string name)
    {
        GoldenVector v = Get(name);
        CliResult r = CliRun.InProcess(Args("decode", v, v.Hex));
        SortedSet<string> printed = CliRun.LeafPaths(r.Json());
        var expected = new SortedSet<string>(v.Fields.Select(f => f.Path), StringComparer.Ordinal);
        Assert.Equal(expected, printed);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void WireEncode_DecodedGolden_ReproducesTheBytes(string name)
    {
        GoldenVector v = Get(name);
        CliResult decoded = CliRun.InProcess(Args("decode", v, v.Hex));
        CliResult encoded = CliRun.InProcess(Args("encode", v, decoded.Out));
        Assert.True(encoded.ExitCode == 0, encoded.ToString());
        Assert.Equal(v.Hex + Environment.NewLine, encoded.Out);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void WireEncode_GoldenWithoutReservedOrNames_ReproducesTheBytes(string name)
    {
        // Reserved fields default to 0 and *_names keys are decoration: a JSON without either encodes the same.
        GoldenVector v = Get(name);
        JsonNode json = JsonNode.Parse(CliRun.InProcess(Args("decode", v, v.Hex)).Out)!;
        Strip(json);
        CliResult encoded = CliRun.InProcess(Args("encode", v, json.ToJsonString()));
        Assert.True(encoded.ExitCode == 0, encoded.ToString());
        Assert.Equal(v.Hex + Environment.NewLine, encoded.Out);
    }

    private static void Strip(JsonNode? node)
    {
        if (node is JsonObject o)
        {
            foreach (string key in o.Select(p => p.Key).ToList())
            {
                if (key.EndsWith("_names", StringComparison.Ordinal) || key is "zero" or "zero2" or "zero32" or "zero64")
                {
                    o.Remove(key);
                }
                else
                {
                    Strip(o[key]);
                }
            }
        }
        else if (node is JsonArray a)
        {
            foreach (JsonNode? item in a)
            {
                Strip(item);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void WireDecode_GoldenFromStdin_PrintsTheSameAsFromArgument(string name)
    {
        GoldenVector v = Get(name);
        CliResult fromArg = CliRun.InProcess(Args("decode", v, v.Hex));
        CliResult fromStdin = CliRun.InProcessWithStdin(v.Hex + "\n", Args("decode", v, "-"));
        Assert.Equal(0, fromStdin.ExitCode);
        Assert.Equal(fromArg.Out, fromStdin.Out);
    }

    [Fact]
    public void WireDecode_FlaggedCombinePart_PrintsCombineLenRaw()
    {
        GoldenVector v = GoldenVectors.CombineLseekRead;
        CliResult r = CliRun.InProcess("wire", "decode", "--type", "combine", v.Hex);
        Assert.True(r.ExitCode == 0, r.ToString());
        JsonElement json = r.Json();
        Assert.Equal(2, json.GetArrayLength());
        Assert.Equal("32784", CliRun.At(json, "[0].combine_len").GetRawText());
        GoldenVector asFields = v;
        WireGoldenTests.AssertFields(asFields, json);
        CliResult back = CliRun.InProcess("wire", "encode", "--type", "combine", r.Out);
        Assert.Equal(v.Hex + Environment.NewLine, back.Out);
    }

    [Fact]
    public void WireDecode_MmapRequest_PrintsNamesBesideFlagWords()
    {
        CliResult r = CliRun.InProcess("wire", "decode", "--type", "mmap-request", GoldenVectors.IoMmap.Hex);
        JsonElement json = r.Json();
        Assert.Equal(new[] { "PROT_READ", "PROT_WRITE", "PROT_EXEC" }, json.GetProperty("prot_names").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new[] { "PROT_READ", "PROT_WRITE" }, json.GetProperty("required_prot_names").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new[] { "_NTO_MI_ENDIAN_DIFF", "_NTO_MI_BITS_64" }, CliRun.At(json, "info.flags_names").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void WireDecode_ExtReplyT64_PrintsFlagNamesWithForm()
    {
        CliResult r = CliRun.InProcess("wire", "decode", "--type", "mmap-reply-ext", GoldenVectors.IoMmapReplyExtT64_2008.Hex);
        string[] names = CliRun.At(r.Json(), "extended.flags_names").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(new[] { "USE_EXTENDED", "CACHE_DEFER_TO_MEMMGR", "STAT_FORM_T64_2008", "BYPASS_FSTATVFS", "REMOVABLE", "SERVER_SHMEM_OBJECT" }, names);
    }

    [Fact]
    public void WireDecode_T32_2001Stat_NamesTheSecondsStMtime()
    {
        CliResult r = CliRun.InProcess("wire", "decode", "--type", "stat", "--form", "t32_2001", GoldenVectors.StatT32_2001.Hex);
        JsonElement json = r.Json();
        Assert.True(json.TryGetProperty("st_mtime", out _));
        Assert.False(json.TryGetProperty("__old_st_mtime", out _));
        Assert.False(json.TryGetProperty("st_mtim", out _));
    }
}
