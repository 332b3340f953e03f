using System;
using System.Text.Json;
using Gateway.Protocol.Tests.Qnx;

namespace Gateway.Cli.Tests.Wire;

/// <summary>The built <c>gateway</c> as a real process (<c>dotnet gateway.dll …</c>): output, stdin and exit codes.</summary>
public sealed class WireProcessTests
{
    [Fact]
    public void GatewayProcess_DecodeMmapRequest_PrintsGoldenFields()
    {
        GoldenVector v = GoldenVectors.IoMmap;
        CliResult r = CliRun.Process(null, "wire", "decode", "--type", "mmap-request", v.Hex);
        Assert.True(r.ExitCode == 0, r.ToString());
        WireGoldenTests.AssertFields(v, r.Json());
    }

    [Fact]
    public void GatewayProcess_DecodeExtReplyThenEncodeFromStdin_RoundTrips()
    {
        GoldenVector v = GoldenVectors.IoMmapReplyExtT64_2008;
        CliResult d = CliRun.Process(null, "wire", "decode", "--type", "mmap-reply-ext", v.Hex);
        Assert.True(d.ExitCode == 0, d.ToString());
        WireGoldenTests.AssertFields(v, d.Json());
        CliResult e = CliRun.Process(d.Out, "wire", "encode", "--type", "mmap-reply-ext", "-");
        Assert.True(e.ExitCode == 0, e.ToString());
        Assert.Equal(v.Hex, e.Out.Trim());
    }

    [Fact]
    public void GatewayProcess_DecodeStatFromStdin_PrintsTheFormsNames()
    {
        GoldenVector v = GoldenVectors.StatT32_2008;
        CliResult r = CliRun.Process(v.Hex, "wire", "decode", "--type", "stat", "--form", "t32_2008", "-");
        Assert.True(r.ExitCode == 0, r.ToString());
        WireGoldenTests.AssertFields(v, r.Json());
    }

    [Fact]
    public void GatewayProcess_BadInput_ExitsTwoWithTheFieldOnStderr()
    {
        CliResult r = CliRun.Process(null, "wire", "encode", "--type", "close", "{\"type\":278,\"combine_len\":70000}");
        Assert.Equal((int)ExitCode.Usage, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Contains("combine_len: 70000 does not fit in u16", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void GatewayProcess_UsageErrorAndHelp_ExitTwoAndZero()
    {
        Assert.Equal(2, CliRun.Process(null, "wire", "decode", "--type", "nope", "00").ExitCode);
        CliResult help = CliRun.Process(null, "wire", "encode", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--type", help.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void GatewayProcess_EncodeGoldenDirentList_PrintsLowercaseHex()
    {
        GoldenVector v = GoldenVectors.Dirents;
        CliResult d = CliRun.InProcess("wire", "decode", "--type", "dirent", v.Hex);
        Assert.Equal(JsonValueKind.Array, d.Json().ValueKind);
        CliResult e = CliRun.Process(null, "wire", "encode", "--type", "dirent", d.Out);
        Assert.True(e.ExitCode == 0, e.ToString());
        Assert.Equal(v.Hex + "\n", e.Out);
    }
}
