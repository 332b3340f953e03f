using System;
using System.Text.Json.Nodes;
using Gateway.Protocol.Tests.Qnx;

namespace Gateway.Cli.Tests.Wire;

/// <summary>Bad input: a clear error on stderr that names the field, nothing on stdout, exit code 2.</summary>
public sealed class WireErrorTests
{
    private static void AssertUsageError(CliResult r, string fieldAndReason)
    {
        Assert.True(r.ExitCode == (int)ExitCode.Usage, r.ToString());
        Assert.Equal("", r.Out);
        Assert.Contains(fieldAndReason, r.Error, StringComparison.Ordinal);
    }

    private static CliResult Decode(string type, string hex)
    {
        return CliRun.InProcess("wire", "decode", "--type", type, hex);
    }

    private static CliResult Encode(string type, string json)
    {
        return CliRun.InProcess("wire", "encode", "--type", type, json);
    }

    /// <summary>The decoded golden of a type as a mutable JSON tree.</summary>
    private static JsonObject Decoded(GoldenVector v)
    {
        return JsonNode.Parse(CliRun.InProcess(WireGoldenTests.Args("decode", v, v.Hex)).Out)!.AsObject();
    }

    // ------------------------------------------------------------------ hex

    [Fact]
    public void WireDecode_OddNumberOfHexDigits_FailsNamingHex()
    {
        AssertUsageError(Decode("close", "1601040"), "HEX: odd number of hex digits (7)");
    }

    [Theory]
    [InlineData("1601040g")]
    [InlineData("16-01-04-00")]
    [InlineData("16010400,")]
    [InlineData("0x16010x0400")]
    public void WireDecode_NonHexCharacter_FailsNamingHex(string hex)
    {
        AssertUsageError(Decode("close", hex), "HEX: '");
    }

    [Theory]
    [InlineData("0x16010400")]
    [InlineData("16 01 04 00")]
    [InlineData(" 1601\n0400\t")]
    [InlineData("0X16010400")]
    public void WireDecode_HexWithPrefixOrWhitespaceOrUpperCase_IsAccepted(string hex)
    {
        CliResult r = Decode("close", hex);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("278", CliRun.At(r.Json(), "type").GetRawText());
    }

    [Fact]
    public void WireDecode_EmptyHex_FailsAsTruncated()
    {
        AssertUsageError(Decode("close", ""), "type: truncated: 0 bytes given, struct _io_close needs 4");
    }

    // ------------------------------------------------------------------ lengths and types on decode

    [Theory]
    [InlineData("mmap-request", 40, "info.coid: truncated: 40 bytes given, struct _io_mmap needs 88; info.coid at offset 40 is cut")]
    [InlineData("mmap-request", 87, "requested_len: truncated")]
    [InlineData("mmap-reply", 3, "zero: truncated")]
    [InlineData("msg-info32", 47, "type_id: truncated")]
    [InlineData("cred-info", 59, "grouplist[7]: truncated")]
    [InlineData("client-info", 20, "cred.euid: truncated")]
    public void WireDecode_TruncatedInput_NamesTheFirstCutField(string type, int length, string message)
    {
        GoldenVector v = Array.Find(GoldenVectors.Wire, g => g.WireType == type)!;
        AssertUsageError(Decode(type, v.Hex.Substring(0, 2 * length)), message);
    }

    [Fact]
    public void WireDecode_TruncatedStat_NamesTheFormsField()
    {
        CliResult r = CliRun.InProcess("wire", "decode", "--type", "stat", "--form", "t64_2008", GoldenVectors.StatT64_2008.Hex.Substring(0, 2 * 100));
        AssertUsageError(r, "st_atim.tv_nsec: truncated: 100 bytes given, __stat_t64_2008 needs 120");
    }

    [Fact]
    public void WireDecode_StatOfAnotherFormsSize_FailsAsTrailingOrTruncated()
    {
        AssertUsageError(CliRun.InProcess("wire", "decode", "--type", "stat", "--form", "t32_2001", GoldenVectors.StatT32_2008.Hex), "HEX: trailing bytes: 24 after the end of __stat_t32_2001 at offset 72");
        AssertUsageError(CliRun.InProcess("wire", "decode", "--type", "stat", "--form", "t64_2008", GoldenVectors.StatT32_2008.Hex), "truncated: 96 bytes given");
    }

    [Theory]
    [InlineData("mmap-request")]
    [InlineData("mmap-reply")]
    [InlineData("lseek")]
    [InlineData("close")]
    [InlineData("cred-info")]
    public void WireDecode_TrailingBytes_Fails(string type)
    {
        GoldenVector v = Array.Find(GoldenVectors.Wire, g => g.WireType == type)!;
        AssertUsageError(Decode(type, v.Hex + "00"), $"HEX: trailing bytes: 1 after the end of");
    }

    [Fact]
    public void WireDecode_VariableTypesWithTrailingBytes_Fail()
    {
        AssertUsageError(Decode("connect", GoldenVectors.IoConnectOpen.Hex + "00"), "HEX: trailing bytes: 1 after the end of _io_connect at offset 55");
        AssertUsageError(Decode("write", GoldenVectors.IoWrite.Hex + "ff"), "trailing bytes: 1 after the end of _io_write at offset 21");
        AssertUsageError(Decode("read", GoldenVectors.IoReadOffset.Hex + "ff"), "at offset 24");
        AssertUsageError(Decode("devctl-reply", GoldenVectors.IoDevctlReply.Hex + "ff"), "at offset 20");
    }

    [Fact]
    public void WireDecode_WrongMessageType_FailsNamingType()
    {
        AssertUsageError(Decode("lseek", GoldenVectors.IoRead.Hex), "type: wrong-type: 0x101 (_IO_READ) is not _IO_LSEEK (0x109)");
        AssertUsageError(Decode("mmap-request", "1301" + GoldenVectors.IoMmap.Hex.Substring(4)), "type: wrong-type: 0x113 (_IO_MSG) is not _IO_MMAP");
    }

    [Fact]
    public void WireDecode_LengthFieldsPastTheEnd_NameTheLengthField()
    {
        AssertUsageError(Decode("write", GoldenVectors.IoWrite.Hex.Substring(0, 40)), "nbytes: bad-length: 5 bytes of data");
        AssertUsageError(Decode("connect", GoldenVectors.IoConnectOpen.Hex.Substring(0, 100)), "path_len: bad-length");
        AssertUsageError(Decode("connect", GoldenVectors.IoConnectCombineStat.Hex.Substring(0, 120)), "extra_len: bad-length");
        AssertUsageError(Decode("devctl-reply", GoldenVectors.IoDevctlReply.Hex.Substring(0, 38)), "nbytes: bad-length");
        AssertUsageError(Decode("dirent", GoldenVectors.Dirents.Hex.Substring(0, 108)), "[1].d_reclen: bad-length");
        AssertUsageError(Decode("dirent", GoldenVectors.Dirents.Hex.Substring(0, 100)), "[1].d_namelen: truncated");
    }

    [Fact]
    public void WireDecode_ConnectPathWithoutNul_FailsNamingPath()
    {
        string hex = GoldenVectors.IoConnectOpen.Hex;
        AssertUsageError(Decode("connect", hex.Substring(0, hex.Length - 2) + "41"), "path: bad-path");
    }

    [Fact]
    public void WireDecode_ExtendedWithoutForm_FailsNamingFlags()
    {
        string hex = GoldenVectors.IoMmapReplyExtT64_2008.Hex;
        hex = hex.Substring(0, 48) + "01000000" + hex.Substring(56);
        AssertUsageError(Decode("mmap-reply-ext", hex), "extended.flags: form-mismatch");
    }

    [Fact]
    public void WireDecode_NgroupsAboveEight_FailsNamingNgroups()
    {
        string hex = GoldenVectors.CredInfo.Hex;
        AssertUsageError(Decode("cred-info", hex.Substring(0, 48) + "09000000" + hex.Substring(56)), "ngroups: bad-value");
    }

    // ------------------------------------------------------------------ JSON on encode

    [Theory]
    [InlineData("{")]
    [InlineData("{\"type\": 278, }")]
    [InlineData("not json")]
    [InlineData("")]
    public void WireEncode_BadJson_FailsNamingJson(string json)
    {
        AssertUsageError(Encode("close", json), "JSON: not valid JSON");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("\"text\"")]
    public void WireEncode_JsonNotAnObject_Fails(string json)
    {
        AssertUsageError(Encode("close", json), "JSON: must be a JSON object");
    }

    [Fact]
    public void WireEncode_MissingField_FailsNamingIt()
    {
        JsonObject o = Decoded(GoldenVectors.IoMmap);
        o["info"]!.AsObject().Remove("coid");
        AssertUsageError(Encode("mmap-request", o.ToJsonString()), "info.coid: missing");
        JsonObject p = Decoded(GoldenVectors.IoMmap);
        p.Remove("info");
        AssertUsageError(Encode("mmap-request", p.ToJsonString()), "info: missing");
    }

    [Theory]
    [InlineData("combine_len", "70000", "combine_len: 70000 does not fit in u16 (0..65535)")]
    [InlineData("combine_len", "-1", "combine_len: -1 does not fit in u16")]
    [InlineData("prot", "-256", "prot: -256 does not fit in u32")]
    [InlineData("prot", "4294967296", "prot: 4294967296 does not fit in u32")]
    [InlineData("offset", "18446744073709551616", "offset: 18446744073709551616 does not fit in u64")]
    [InlineData("offset", "-1", "offset: -1 does not fit in u64")]
    [InlineData("prot", "1.5", "prot: must be an integer (u32), got 1.5")]
    [InlineData("prot", "256.0", "prot: must be an integer")]
    [InlineData("prot", "1e3", "prot: must be an integer")]
    [InlineData("prot", "\"256\"", "prot: must be a JSON integer (u32), got a string")]
    [InlineData("prot", "null", "prot: must be a JSON integer (u32), got null")]
    [InlineData("prot", "true", "prot: must be a JSON integer (u32), got true")]
    public void WireEncode_ValueThatDoesNotFit_FailsNamingTheField(string key, string value, string message)
    {
        JsonObject o = Decoded(GoldenVectors.IoMmap);
        o[key] = JsonNode.Parse(value);
        AssertUsageError(Encode("mmap-request", o.ToJsonString()), message);
    }

    [Theory]
    [InlineData("info", "priority", "32768", "info.priority: 32768 does not fit in i16 (-32768..32767)")]
    [InlineData("info", "pid", "2147483648", "info.pid: 2147483648 does not fit in i32")]
    [InlineData("info", "nd", "-5", "info.nd: -5 does not fit in u32")]
    public void WireEncode_NestedValueThatDoesNotFit_FailsNamingThePath(string parent, string key, string value, string message)
    {
        JsonObject o = Decoded(GoldenVectors.IoMmap);
        o[parent]![key] = JsonNode.Parse(value);
        AssertUsageError(Encode("mmap-request", o.ToJsonString()), message);
    }

    [Fact]
    public void WireEncode_ExtremeValues_FitTheirFields()
    {
        JsonObject o = Decoded(GoldenVectors.IoMmap);
        o["offset"] = JsonValue.Create(ulong.MaxValue);
        o["info"]!["priority"] = -32768;
        o["info"]!["pid"] = int.MinValue;
        CliResult r = Encode("mmap-request", o.ToJsonString());
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("ffffffffffffffff", r.Out.Substring(16, 16));
    }

    [Fact]
    public void WireEncode_UnknownKey_FailsNamingIt()
    {
        JsonObject o = Decoded(GoldenVectors.IoMmap);
        o["info"]!["bogus"] = 1;
        AssertUsageError(Encode("mmap-request", o.ToJsonString()), "info.bogus: unknown key");
        JsonObject s = Decoded(GoldenVectors.IoRead);
        s["xtype_offset"] = new JsonObject { ["offset"] = 1 };
        AssertUsageError(Encode("read", s.ToJsonString()), "xtype_offset: unknown key");
    }

    [Fact]
    public void WireEncode_DuplicateKey_Fails()
    {
        AssertUsageError(Encode("close", "{\"type\":278,\"combine_len\":4,\"type\":278}"), "type: appears twice");
    }

    [Fact]
    public void WireEncode_NamesKeysWithAnyContent_AreIgnored()
    {
        JsonObject o = Decoded(GoldenVectors.IoMmap);
        o["prot_names"] = "nonsense";
        o["anything_names"] = new JsonArray(1, 2);
        CliResult r = Encode("mmap-request", o.ToJsonString());
        Assert.Equal(GoldenVectors.IoMmap.Hex + Environment.NewLine, r.Out);
    }

    [Fact]
    public void WireEncode_WrongArrayLength_FailsNamingTheArray()
    {
        JsonObject o = Decoded(GoldenVectors.IoMmap);
        o["zero"] = new JsonArray(0, 0);
        AssertUsageError(Encode("mmap-request", o.ToJsonString()), "zero: must be an array of 3 integers");
    }

    [Fact]
    public void WireEncode_WrongMessageType_FailsNamingType()
    {
        JsonObject o = Decoded(GoldenVectors.IoLseek);
        o["type"] = 0x101;
        AssertUsageError(Encode("lseek", o.ToJsonString()), "type: must be 265 (0x109, _IO_LSEEK) for this type, got 257");
    }

    [Fact]
    public void WireEncode_LengthFieldsThatDisagreeWithTheirData_Fail()
    {
        JsonObject w = Decoded(GoldenVectors.IoWrite);
        w["nbytes"] = 4;
        AssertUsageError(Encode("write", w.ToJsonString()), "nbytes: 4 does not match data (5 bytes)");
        JsonObject c = Decoded(GoldenVectors.IoConnectOpen);
        c["path_len"] = 14;
        AssertUsageError(Encode("connect", c.ToJsonString()), "path_len: 14 does not match path (14 bytes + NUL = 15)");
        JsonObject x = Decoded(GoldenVectors.IoConnectCombineStat);
        x["extra_len"] = 9;
        AssertUsageError(Encode("connect", x.ToJsonString()), "extra_len: 9 does not match extra (8 bytes)");
        JsonObject d = Decoded(GoldenVectors.IoDevctlReply);
        d["data"] = "00";
        AssertUsageError(Encode("devctl-reply", d.ToJsonString()), "nbytes: 4 does not match data (1 bytes)");
        JsonArray list = JsonNode.Parse(CliRun.InProcess(WireGoldenTests.Args("decode", GoldenVectors.Dirent, GoldenVectors.Dirent.Hex)).Out)!.AsArray();
        JsonObject e = list[0]!.AsObject();
        e["d_reclen"] = 25;
        AssertUsageError(Encode("dirent", list.ToJsonString()), "[0].d_reclen: 25 is less than 20 + d_namelen + NUL = 26");
        AssertUsageError(Encode("dirent", e.ToJsonString()), "d_reclen: 25 is less than 20 + d_namelen + NUL = 26"); // one record as an object, as older output printed it
        e["d_reclen"] = 32;
        e["d_namelen"] = 4;
        AssertUsageError(Encode("dirent", list.ToJsonString()), "[0].d_namelen: 4 does not match d_name (5 bytes)");
    }

    [Fact]
    public void WireEncode_BadHexInJsonString_FailsNamingTheField()
    {
        JsonObject w = Decoded(GoldenVectors.IoWrite);
        w["data"] = "a1b";
        AssertUsageError(Encode("write", w.ToJsonString()), "data: odd number of hex digits");
    }

    [Fact]
    public void WireEncode_NgroupsAboveEight_Fails()
    {
        JsonObject o = Decoded(GoldenVectors.CredInfo);
        o["ngroups"] = 9;
        AssertUsageError(Encode("cred-info", o.ToJsonString()), "ngroups: 9 is more than the 8 slots");
    }

    [Fact]
    public void WireEncode_ExtendedFlagsWithoutForm_Fails()
    {
        JsonObject o = Decoded(GoldenVectors.IoMmapReplyExtT64_2008);
        o["extended"]!["flags"] = 0x01;
        AssertUsageError(Encode("mmap-reply-ext", o.ToJsonString()), "extended.flags: 0x1 sets USE_EXTENDED but names no stat form");
    }

    [Fact]
    public void WireEncode_ExtFlagsOfAnotherForm_RequireThatFormsStatKeys()
    {
        // T64 stat JSON with T32_2001 flags: st_mtim is unknown there and __old_st_mtime is not a 2001 name.
        JsonObject o = Decoded(GoldenVectors.IoMmapReplyExtT64_2008);
        o["extended"]!["flags"] = 0x09;
        AssertUsageError(Encode("mmap-reply-ext", o.ToJsonString()), "extended.stat.st_mtime: missing");
    }

    // ------------------------------------------------------------------ options

    [Fact]
    public void WireDecode_StatWithoutForm_FailsNamingForm()
    {
        AssertUsageError(Decode("stat", GoldenVectors.StatT32_2001.Hex), "--form: --type stat needs --form");
    }

    [Fact]
    public void WireDecode_FormOnOtherType_Fails()
    {
        AssertUsageError(CliRun.InProcess("wire", "decode", "--type", "close", "--form", "t32_2001", "16010400"), "--form: --type close takes no --form");
    }

    [Fact]
    public void WireDecode_UnknownTypeOrForm_IsAUsageError()
    {
        CliResult t = CliRun.InProcess("wire", "decode", "--type", "io_mmap", "00");
        Assert.Equal(2, t.ExitCode);
        Assert.Contains("io_mmap", t.Error, StringComparison.Ordinal);
        CliResult f = CliRun.InProcess("wire", "decode", "--type", "stat", "--form", "t64", "00");
        Assert.Equal(2, f.ExitCode);
    }

    [Fact]
    public void WireDecode_MissingTypeOrInput_IsAUsageError()
    {
        Assert.Equal(2, CliRun.InProcess("wire", "decode", "16010400").ExitCode);
        Assert.Equal(2, CliRun.InProcess("wire", "decode", "--type", "close").ExitCode);
        Assert.Equal(2, CliRun.InProcess("wire", "frobnicate").ExitCode);
        Assert.Equal(2, CliRun.InProcess().ExitCode);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("wire", "--help")]
    [InlineData("wire", "decode", "--help")]
    [InlineData("wire", "encode", "--help")]
    [InlineData("wire", "types", "--help")]
    [InlineData("wire", "decode", "-h")]
    public void Help_AtEveryLevel_PrintsUsageAndExitsZero(params string[] args)
    {
        CliResult r = CliRun.InProcess(args);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("Usage:", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void WireTypes_Listing_NamesEveryTypeWithItsStruct()
    {
        CliResult r = CliRun.InProcess("wire", "types");
        Assert.Equal(0, r.ExitCode);
        foreach (string name in new[] { "mmap-request", "mmap-reply-ext", "stat", "connect", "dirent", "cred-info", "client-info", "combine" })
        {
            Assert.Contains(name, r.Out, StringComparison.Ordinal);
        }

        Assert.Contains("struct _io_mmap (88 bytes)", r.Out, StringComparison.Ordinal);
    }
}
