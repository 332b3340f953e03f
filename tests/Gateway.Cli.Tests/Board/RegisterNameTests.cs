using System;
using System.Text.Json;

namespace Gateway.Cli.Tests.Board;

/// <summary>
/// <c>peek</c> and <c>poke</c> name the register they touch, from the register maps <c>/fw/map</c> serves
/// (hardware-docs/register-maps.md): the block of the resource, or through <c>/dev/mem</c> the device window.
/// </summary>
public sealed class RegisterNameTests
{
    [Fact]
    public void Peek_GpioOutput_NamesTheRegisterAndItsAccess()
    {
        CliResult r = CliRun.InProcess("peek", "/dev/gpio/bank0", "0x04");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Matches(@"│ 0x0004 │ OUTPUT \(RW\) +│ 0x00000000 +│", r.Out);
    }

    [Fact]
    public void Peek_Json_CarriesTheRegisterName()
    {
        CliResult r = CliRun.InProcess("peek", "/dev/gpio/bank0", "0x28", "--count", "3", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        JsonElement j = r.Json();
        Assert.Equal("EDGE_STATUS", CliRun.At(j, "values[0].register").GetString());
        Assert.Equal("EVENT_COUNT (RO)", CliRun.At(j, "values[1].register_description").GetString());
        Assert.Equal("PRESENT", CliRun.At(j, "values[2].register").GetString());
    }

    [Fact]
    public void Peek_SpiControl_UsesTheSpiBlock()
    {
        CliResult r = CliRun.InProcess("peek", "/dev/spi0/ctl", "0x1C", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("CLOCK_HZ", CliRun.At(r.Json(), "values[0].register").GetString());
        Assert.Equal(1_000_000ul, CliRun.At(r.Json(), "values[0].value").GetUInt64()); // its reset value, as the map says
    }

    [Fact]
    public void Peek_OffsetWithNoRegister_SaysSo()
    {
        CliResult r = CliRun.InProcess("peek", "/dev/gpio/bank0", "0x34", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(JsonValueKind.Null, CliRun.At(r.Json(), "values[0].register").ValueKind);
        Assert.Equal("(no gpio-bank register)", CliRun.At(r.Json(), "values[0].register_description").GetString());
    }

    [Fact]
    public void Peek_DeviceMemory_NamesTheBlockBehindTheWindow()
    {
        CliResult r = CliRun.InProcess("peek", "/dev/mem", "0xFE200030", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("/dev/gpio/bank0 0x0030 PRESENT (RO)", CliRun.At(r.Json(), "values[0].register_description").GetString());
    }

    [Fact]
    public void Peek_AFile_HasNoRegisterColumn()
    {
        CliResult r = CliRun.InProcess("peek", "/fw/bin/blink", "0", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.False(CliRun.At(r.Json(), "values[0]").TryGetProperty("register", out _));
        Assert.DoesNotContain("register", CliRun.InProcess("peek", "/fw/bin/blink", "0").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Poke_GpioOutput_NamesTheRegister()
    {
        CliResult r = CliRun.InProcess("poke", "/dev/gpio/bank0", "0x04", "5");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("/dev/gpio/bank0 0x0004 OUTPUT (RW) ← 0x00000005 (4 bytes)\n", r.Out.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Poke_UnknownOffset_SaysThereIsNoRegister()
    {
        CliResult r = CliRun.InProcess("poke", "/dev/gpio/bank1", "0x100", "1", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("(no gpio-bank register)", CliRun.At(r.Json(), "register_description").GetString());
    }

    [Fact]
    public void Poke_Quiet_PrintsNothing()
    {
        CliResult r = CliRun.InProcess("poke", "/dev/gpio/bank0", "0x04", "5", "-q");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Out);
    }
}
