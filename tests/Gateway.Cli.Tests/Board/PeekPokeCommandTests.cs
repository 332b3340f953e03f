using System.Linq;
using System.Text.Json;

namespace Gateway.Cli.Tests.Board;

/// <summary>
/// <c>gateway peek</c> and <c>poke</c>: exact-width loads and stores through a MAP_SHARED mapping (registers,
/// hardware-docs/register-maps.md). A poke and a later peek need one board that outlives a command: a TCP one.
/// </summary>
public sealed class PeekPokeCommandTests
{
    private static ulong Peeked(CliResult r, int index = 0)
    {
        Assert.True(r.ExitCode == 0, r.ToString());
        return CliRun.At(r.Json(), $"values[{index}].value").GetUInt64();
    }

    [Fact]
    public void Peek_PresentOfBank0_AllThirtyTwoPins()
    {
        Assert.Equal(0xFFFFFFFFul, Peeked(CliRun.InProcess("peek", "/dev/gpio/bank0", "0x30", "--json")));
    }

    [Fact]
    public void Peek_BankOneOnA32BitBoard_CountWalksTheRegisters()
    {
        CliResult r = CliRun.InProcess("peek", "/dev/gpio/bank1", "0", "--count", "13", "--json", "--target", "emu:?bits=32&quirks=1");
        Assert.Equal(0xFFul, Peeked(r, 12)); // PRESENT at 0x30: bank1 has 8 pins
        Assert.Equal(0x30ul, CliRun.At(r.Json(), "values[12].offset").GetUInt64());
        Assert.Equal(13, CliRun.At(r.Json(), "values").GetArrayLength());
    }

    [Fact]
    public void Peek_Quiet_PrintsTheValueAlone()
    {
        CliResult r = CliRun.InProcess("peek", "/dev/gpio/bank0", "0x30", "-q");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("0xffffffff", r.Out.Trim());
    }

    [Fact]
    public void Peek_DeviceMemoryWindow_IsBank0()
    {
        Assert.Equal(0xFFFFFFFFul, Peeked(CliRun.InProcess("peek", "/dev/mem", "0xFE200030", "--json")));
    }

    [Fact]
    public void Peek_TwoBytesOfARegister_SigbusWithEINVALExitsOne()
    {
        CliResult r = CliRun.InProcess("peek", "/dev/gpio/bank0", "0x30", "--width", "2");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Contains("SIGBUS", r.Error);
        Assert.Contains("EINVAL (22)", r.Error);
    }

    [Fact]
    public void Peek_PageWhollyPastTheEnd_SigbusExitsOne()
    {
        CliResult r = CliRun.InProcess("peek", "/data/notes.txt", "4096");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("SIGBUS (past the end of the object", r.Error);
    }

    [Fact]
    public void Peek_OutsideTheDeviceWindows_ExitsOneWithENXIO()
    {
        CliResult r = CliRun.InProcess("peek", "/dev/mem", "0x1000");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("mmap /dev/mem: ENXIO (6)", r.Error);
    }

    [Fact]
    public void Peek_ByteWidthOfAFile_ReadsItsBytes()
    {
        CliResult r = CliRun.InProcess("peek", "/fw/bin/blink", "0", "--width", "1", "--count", "4", "--json");
        Assert.Equal(new ulong[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, CliRun.At(r.Json(), "values").EnumerateArray().Select(v => v.GetProperty("value").GetUInt64()).ToArray());
    }

    [Fact]
    public void PokeThenPeek_OutputRegisterOfOneTcpBoard_HoldsTheValue()
    {
        using var board = new TcpEmulatedBoard();
        string[] target = ["--target", board.Target, "--key-file", KeyFiles.DevelopmentKeyFile];
        CliResult poke = CliRun.InProcess(["poke", "/dev/gpio/bank0", "0x04", "0xA5A5F00F", .. target, "--json"]);
        Assert.True(poke.ExitCode == 0, poke.ToString());
        Assert.Equal(0xA5A5F00Ful, CliRun.At(poke.Json(), "value").GetUInt64());
        Assert.Equal(0xA5A5F00Ful, Peeked(CliRun.InProcess(["peek", "/dev/gpio/bank0", "0x04", .. target, "--json"])));
    }

    [Fact]
    public void PokeThenPeek_AByteOfACachedFile_IsWrittenBack()
    {
        using var board = new TcpEmulatedBoard();
        string[] target = ["--target", board.Target, "--key-file", KeyFiles.DevelopmentKeyFile];
        Assert.Equal(0, CliRun.InProcess(["poke", "/data/notes.txt", "0", "0x67", "--width", "1", .. target, "-q"]).ExitCode);
        CliResult cat = CliRun.InProcess(["cat", "/data/notes.txt", .. target]);
        Assert.StartsWith("gateway board notes.", cat.Out);
    }

    [Fact]
    public void Poke_WriteOnlySetRegister_SetsLatchBits()
    {
        using var board = new TcpEmulatedBoard();
        string[] target = ["--target", board.Target, "--key-file", KeyFiles.DevelopmentKeyFile];
        Assert.Equal(0, CliRun.InProcess(["poke", "/dev/gpio/bank1", "0x0C", "0x81", .. target, "-q"]).ExitCode);
        Assert.Equal(0x81ul, Peeked(CliRun.InProcess(["peek", "/dev/gpio/bank1", "0x04", .. target, "--json"])));
    }

    [Fact]
    public void Poke_ReadOnlyMount_ExitsOneWithEROFS()
    {
        CliResult r = CliRun.InProcess("poke", "/fw/info", "0", "1");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("EROFS (30)", r.Error);
    }

    [Fact]
    public void Poke_TwoBytesToARegister_SigbusWithEINVAL()
    {
        CliResult r = CliRun.InProcess("poke", "/dev/gpio/bank0", "0x04", "1", "--width", "2");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("SIGBUS: the board answered EINVAL (22)", r.Error);
    }

    [Theory]
    [InlineData("0x04", "0x100", "1")]
    [InlineData("0x04", "0x1_0000_0000", "4")]
    [InlineData("four", "1", "4")]
    [InlineData("0x04", "1", "3")]
    public void Poke_BadInput_ExitsTwo(string offset, string value, string width)
    {
        CliResult r = CliRun.InProcess("poke", "/dev/gpio/bank0", offset, value, "--width", width);
        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public void Peek_CountZero_ExitsTwo()
    {
        Assert.Equal(2, CliRun.InProcess("peek", "/dev/gpio/bank0", "0", "--count", "0").ExitCode);
    }
}
