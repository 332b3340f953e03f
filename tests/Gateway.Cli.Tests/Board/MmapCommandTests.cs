using System.Linq;
using System.Text.Json;

namespace Gateway.Cli.Tests.Board;

/// <summary><c>gateway mmap</c>: the memory manager's mmap and the board's decoded reply (board-resources.md's flags table).</summary>
public sealed class MmapCommandTests
{
    private const int UseExtended = 0x01;
    private const int ForceInvalidate = 0x02;
    private const int BypassFstatvfs = 0x20;

    private static CliResult Mmap(params string[] args) => CliRun.InProcess(["mmap", .. args, "--json"]);

    private static JsonElement Mapped(params string[] args)
    {
        CliResult r = Mmap(args);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.Json();
    }

    private static string[] Names(JsonElement array) => array.EnumerateArray().Select(n => n.GetString()!).ToArray();

    [Fact]
    public void Mmap_GpioBankReadWriteOn64BitBoard_FlagsAre0x3B()
    {
        JsonElement j = Mapped("/dev/gpio/bank0", "--prot", "rw");
        Assert.Equal(184, CliRun.At(j, "reply_bytes").GetInt32());
        Assert.Equal(0x3B, CliRun.At(j, "reply.extended.flags").GetInt32());
        Assert.Equal(
            new[] { "USE_EXTENDED", "CACHE_FORCE_INVALIDATE", "STAT_FORM_T64_2008", "BYPASS_FSTATVFS" },
            Names(CliRun.At(j, "reply.extended.flags_names")));
        Assert.Equal(0x300, CliRun.At(j, "reply.base.allowed_prot").GetInt32());
        Assert.Equal(new[] { "PROT_READ", "PROT_WRITE" }, Names(CliRun.At(j, "reply.base.allowed_prot_names")));
        Assert.Equal(0, CliRun.At(j, "reply.base.zero").GetInt32());
        Assert.Equal(4096, CliRun.At(j, "reply.extended.stat.st_size").GetInt64());
        Assert.Equal(0x300, CliRun.At(j, "request.required_prot").GetInt32());
        Assert.Equal(0x40000000, CliRun.At(j, "request.coid").GetInt32());
        Assert.Equal(0, CliRun.At(j, "result.errno").GetInt32());
        Assert.Equal(JsonValueKind.Number, CliRun.At(j, "result.address").ValueKind);
        Assert.Equal("reply", CliRun.At(j, "result.stat_source").GetString());
        Assert.Equal("t64_2008", CliRun.At(j, "stat_form").GetString());
        Assert.Equal(20, CliRun.At(j, "stat.st_gid").GetInt32());
    }

    [Fact]
    public void Mmap_GpioBankOn32BitBoard_FormIsT32_2001()
    {
        JsonElement j = Mapped("/dev/gpio/bank0", "--prot", "rw", "--target", "emu:?bits=32&quirks=1");
        int t32_2001 = 1 << 3;
        Assert.Equal(UseExtended | ForceInvalidate | t32_2001 | BypassFstatvfs, CliRun.At(j, "reply.extended.flags").GetInt32());
        Assert.Equal("t32_2001", CliRun.At(j, "stat_form").GetString());
        Assert.Equal(JsonValueKind.Number, CliRun.At(j, "stat.st_mtime").ValueKind);
    }

    [Fact]
    public void Mmap_SerialPort_ExitsOneWithENOSYS()
    {
        CliResult r = Mmap("/dev/ser1");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("mmap /dev/ser1: ENOSYS (89)", r.Error);
        JsonElement j = r.Json();
        Assert.Equal(89, CliRun.At(j, "result.errno").GetInt32());
        Assert.Equal("ENOSYS", CliRun.At(j, "result.errno_name").GetString());
        Assert.Equal(JsonValueKind.Null, CliRun.At(j, "reply").ValueKind);
    }

    [Fact]
    public void Mmap_SharedMemoryObject_NamesTheObjectInFd()
    {
        JsonElement j = Mapped("/dev/shmem/scratch", "--prot", "rw", "--offset", "0x1000", "--length", "4096");
        Assert.Contains("SERVER_SHMEM_OBJECT", Names(CliRun.At(j, "reply.extended.flags_names")));
        Assert.True(CliRun.At(j, "reply.base.fd").GetInt32() >= 1);
        Assert.Equal(0x1000, CliRun.At(j, "reply.base.offset").GetInt64());
    }

    [Fact]
    public void Mmap_Removable_FlagNamed()
    {
        JsonElement j = Mapped("/dev/removable0");
        Assert.Contains("REMOVABLE", Names(CliRun.At(j, "reply.extended.flags_names")));
        Assert.Contains("CACHE_DEFAULT", Names(CliRun.At(j, "reply.extended.flags_names")));
    }

    [Fact]
    public void Mmap_FirmwareImage_ReadFromCache()
    {
        JsonElement j = Mapped("/fw/bin/table.bin", "--prot", "r", "--flags", "private");
        Assert.Contains("CACHE_READ_FROM_CACHE", Names(CliRun.At(j, "reply.extended.flags_names")));
        Assert.Equal(0x100, CliRun.At(j, "request.required_prot").GetInt32());
    }

    [Fact]
    public void Mmap_Directory_ExitsOneWithENOTSUP()
    {
        CliResult r = Mmap("/data");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("ENOTSUP (48)", r.Error);
        Assert.Equal(24, CliRun.At(r.Json(), "reply_bytes").GetInt32());
    }

    [Fact]
    public void Mmap_PrivateMappingOfRegisters_ExitsOneWithEINVAL()
    {
        CliResult r = Mmap("/dev/gpio/bank0", "--flags", "private");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("EINVAL (22)", r.Error);
    }

    [Fact]
    public void Mmap_ExecOfAFileTheUserCannotExecute_ExitsOneWithEACCES()
    {
        // /data/ownerexec is 0744 100:100: uid 5 may read it but not execute it (RM-12).
        CliResult r = Mmap("/data/ownerexec", "--prot", "rx", "--uid", "5", "--gid", "5");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("EACCES (13)", r.Error);
    }

    [Fact]
    public void Mmap_LegacyQuirk_RetriesAndStatsSeparately()
    {
        JsonElement j = Mapped("/quirks/legacy", "--target", "emu:?bits=32&quirks=1");
        Assert.Equal(24, CliRun.At(j, "reply_bytes").GetInt32());
        Assert.Equal(0, CliRun.At(j, "reply.allowed_prot").GetInt32());
        Assert.True(CliRun.At(j, "result.retried").GetBoolean());
        Assert.Equal("_IO_STAT", CliRun.At(j, "result.stat_source").GetString());
        Assert.Equal(0x100, CliRun.At(j, "result.allowed_prot").GetInt32());
        Assert.Equal("t32_2001", CliRun.At(j, "stat_form").GetString()); // the 72-byte _IO_STAT body of a 32-bit board
        Assert.Equal(JsonValueKind.Number, CliRun.At(j, "stat.st_mtime").ValueKind);
    }

    [Fact]
    public void Mmap_BadFormQuirk_ReportsWhyTheReplyDoesNotDecode()
    {
        JsonElement j = Mapped("/quirks/badform", "--target", "emu:?quirks=1");
        Assert.Equal(JsonValueKind.Null, CliRun.At(j, "reply").ValueKind);
        Assert.Contains("form-mismatch", CliRun.At(j, "reply_decode_error").GetString());
        Assert.Equal(368, CliRun.At(j, "reply_hex").GetString()!.Length);
    }

    [Fact]
    public void Mmap_StingyQuirkAskedForWrite_NonConformanceAndEACCES()
    {
        CliResult r = Mmap("/quirks/stingy", "--prot", "rw", "--target", "emu:?quirks=1");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("EACCES (13)", r.Error);
        Assert.Contains("does not cover required_prot", CliRun.At(r.Json(), "result.non_conformance").GetString());
    }

    [Theory]
    [InlineData("--prot", "rq")]
    [InlineData("--prot", "rr")]
    [InlineData("--flags", "both")]
    [InlineData("--offset", "-1")]
    [InlineData("--length", "0xZZ")]
    public void Mmap_BadOption_ExitsTwoBeforeTouchingTheBoard(string option, string value)
    {
        CliResult r = CliRun.InProcess("mmap", "/dev/gpio/bank0", option, value, "--target", "tcp://127.0.0.1:1", "--key-file", KeyFiles.DevelopmentKeyFile);
        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public void Mmap_Human_PrintsReplyStatAndConclusion()
    {
        CliResult r = CliRun.InProcess("mmap", "/dev/gpio/bank0", "--prot", "rw");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("extended.flags", r.Out);
        Assert.Contains("0x3b", r.Out);
        Assert.Contains("CACHE_FORCE_INVALIDATE", r.Out);
        Assert.Contains("st_size", r.Out);
        Assert.Contains("mapped at 0x", r.Out);
    }
}
