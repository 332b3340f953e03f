using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Gateway.Board.Tests.Boards;

/// <summary>The board definitions in boards/ agree with each other and with the code.</summary>
public sealed class BoardFolderTests
{
    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Gateway.sln not found");
    }

    public static TheoryData<string> Boards() => new() { "emulated", "raspberry-pi", "esp32-devkitc", "esp32-s3-devkitc" };

    private static JsonElement Load(string board) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "boards", board, "board.json"))).RootElement;

    [Theory]
    [MemberData(nameof(Boards))]
    public void BoardJson_EveryBoard_HasFormatNameAndTheBank0Window(string board)
    {
        var json = Load(board);

        Assert.Equal("gateway-board/1", json.GetProperty("format").GetString());
        Assert.Equal(board, json.GetProperty("board").GetString());
        var window = Assert.Single(json.GetProperty("memWindows").EnumerateArray());
        Assert.Equal("0xFE200000", window.GetProperty("address").GetString());
        Assert.Equal(4096, window.GetProperty("size").GetInt32());
        Assert.Equal("/dev/gpio/bank0", window.GetProperty("resource").GetString());
        Assert.True(File.Exists(Path.Combine(RepoRoot(), "boards", board, "README.md")));
    }

    [Theory]
    [MemberData(nameof(Boards))]
    public void BoardJson_EveryBoard_DeclaresLoopback4To5AndEepromOnCs0(string board)
    {
        var json = Load(board);

        var wire = Assert.Single(json.GetProperty("wiring").EnumerateArray());
        Assert.Equal("bank0.4", wire.GetProperty("from").GetString());
        Assert.Equal("bank0.5", wire.GetProperty("to").GetString());
        var cs0 = json.GetProperty("spi")[0].GetProperty("chipSelects")[0];
        Assert.Equal(0, cs0.GetProperty("cs").GetInt32());
        Assert.Equal("25LC256", cs0.GetProperty("device").GetString());
    }

    [Theory]
    [MemberData(nameof(Boards))]
    public void BoardJson_PhysicalPins_MatchPinCountAndPresentMask(string board)
    {
        foreach (var bank in Load(board).GetProperty("gpio").EnumerateArray())
        {
            int pins = bank.GetProperty("pins").GetInt32();
            uint present = Convert.ToUInt32(bank.GetProperty("present").GetString(), 16);
            Assert.Equal(pins == 32 ? uint.MaxValue : (1u << pins) - 1, present);
            var physical = bank.GetProperty("physical");
            if (physical.ValueKind == JsonValueKind.Array)
            {
                Assert.Equal(pins, physical.GetArrayLength());
            }
        }
    }

    [Fact]
    public void RaspberryPiBoardJson_Bank0_MatchesTheAppDefaults()
    {
        var physical = Load("raspberry-pi").GetProperty("gpio")[0].GetProperty("physical")
            .EnumerateArray().Select(p => int.Parse(p.GetString()!["BCM".Length..])).ToArray();

        Assert.Equal(Gateway.Board.RaspberryPi.PiOptions.DefaultBank0Lines, physical);
    }

    [Theory]
    [InlineData("esp32-devkitc", "DevKitC")]
    [InlineData("esp32-s3-devkitc", "S3DevKitC")]
    public void Esp32BoardJson_Bank0_MatchesBoardPinsInTheApp(string board, string factory)
    {
        string source = File.ReadAllText(Path.Combine(RepoRoot(), "firmware", "Gateway.Board.Esp32", "BoardPins.cs"));
        int at = source.IndexOf($"public static BoardPins {factory}()", StringComparison.Ordinal);
        int start = source.IndexOf("p.Bank0Gpios = new int[] {", at, StringComparison.Ordinal) + "p.Bank0Gpios = new int[] {".Length;
        int end = source.IndexOf('}', start);
        int[] app = source[start..end].Split(',').Select(s => int.Parse(s.Trim())).ToArray();

        int[] json = Load(board).GetProperty("gpio")[0].GetProperty("physical")
            .EnumerateArray().Select(p => int.Parse(p.GetString()!["GPIO".Length..])).ToArray();

        Assert.Equal(json, app);
    }

    [Theory]
    [InlineData("esp32-devkitc")]
    [InlineData("esp32-s3-devkitc")]
    public void Esp32BoardJson_LimitsAndSizes_MatchTheSharedEsp32Presets(string board)
    {
        var json = Load(board);
        var d = Gateway.Devices.Boards.BoardDefinition.Esp32();
        var link = Gateway.Protocol.Link.BoardLinkConfig.Esp32();

        AssertLimitsAndSizes(json, d, link);
        Assert.Equal(32, json.GetProperty("bits").GetInt32());
        Assert.False(d.Rm.Is64Bit);
    }

    [Fact]
    public void RaspberryPiBoardJson_LimitsAndSizes_MatchTheComposition()
    {
        var json = Load("raspberry-pi");
        var d = Gateway.Board.RaspberryPi.PiBoard.CreateDefinition(
            new Gateway.Board.RaspberryPi.PiOptions(), new Gateway.Devices.Hal.IGpioBank[] { new Gateway.Board.Emulated.Simulator.SimulatedGpioBank("bank0", 8) },
            new Gateway.Board.Emulated.Simulator.SimulatedSpiBus(2));

        AssertLimitsAndSizes(json, d, Gateway.Board.RaspberryPi.PiBoard.CreateLinkConfig(d));
        Assert.Equal(64, json.GetProperty("bits").GetInt32());
        Assert.True(d.Rm.Is64Bit);
    }

    private static void AssertLimitsAndSizes(JsonElement json, Gateway.Devices.Boards.BoardDefinition d, Gateway.Protocol.Link.BoardLinkConfig link)
    {
        var limits = json.GetProperty("limits");
        var sizes = json.GetProperty("sizes");
        Assert.Equal(link.Sessions, limits.GetProperty("sessions").GetInt32());
        Assert.Equal(d.Rm.MaxSessions, limits.GetProperty("sessions").GetInt32());
        Assert.Equal(link.Window, limits.GetProperty("window").GetInt32());
        Assert.Equal(link.MaxBody, limits.GetProperty("maxBody").GetInt32());
        Assert.Equal(d.Rm.MaxOcbs, limits.GetProperty("ocbs").GetInt32());
        Assert.Equal(d.Rm.OcbsPerSession, limits.GetProperty("ocbsPerSession").GetInt32());
        Assert.Equal(d.Rm.FilesPerSession, limits.GetProperty("dataFilesPerSession").GetInt32());

        // The byte quota is derived at build from /data's free RAM (BoardNamespace): build the board to get it.
        var built = Gateway.Devices.Boards.BoardNamespace.Build(d, new Gateway.Board.Emulated.Simulator.SimulatedClock(), null);
        Assert.Equal(built.Definition.Rm.BytesPerSession, limits.GetProperty("dataBytesPerSession").GetInt32());
        Assert.Equal(d.ShmemSize, sizes.GetProperty("shmem").GetInt32());
        Assert.Equal(d.RemovableSize, sizes.GetProperty("removable").GetInt32());
        Assert.Equal(d.DataRamBudget, sizes.GetProperty("dataBudget").GetInt32());
    }

    [Fact]
    public void EmulatedBoard_DevelopmentKey_Is32AsciiBytes()
    {
        string key = Load("emulated").GetProperty("key").GetProperty("value").GetString()!;

        Assert.Equal("gateway-development-key-00000000", key);
        Assert.Equal(32, Encoding.ASCII.GetByteCount(key));
    }

    [Fact]
    public void ProvisionKeyScript_Key0600_WritesTheKeyBytesWithoutTheNewline()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string dir = Directory.CreateTempSubdirectory("gateway-provision-").FullName;
        try
        {
            string keyFile = Path.Combine(dir, "board.key");
            File.WriteAllText(keyFile, "0123456789abcdefXYZ\n");
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            string output = Path.Combine(dir, "BoardKey.g.cs");

            var (code, _) = RunScript(keyFile, output);

            Assert.Equal(0, code);
            string generated = File.ReadAllText(output);
            string expected = string.Join(", ", Encoding.ASCII.GetBytes("0123456789abcdefXYZ").Select(b => $"0x{b:x2}"));
            Assert.Contains("{ " + expected + " }", generated);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(output));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ProvisionKeyScript_Key0644_IsRefused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string dir = Directory.CreateTempSubdirectory("gateway-provision-").FullName;
        try
        {
            string keyFile = Path.Combine(dir, "board.key");
            File.WriteAllText(keyFile, "0123456789abcdefXYZ");
            File.SetUnixFileMode(keyFile, (UnixFileMode)0b110_100_100);
            string output = Path.Combine(dir, "BoardKey.g.cs");

            var (code, stderr) = RunScript(keyFile, output);

            Assert.Equal(1, code);
            Assert.Contains("must be 0600", stderr);
            Assert.False(File.Exists(output));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static (int Code, string Stderr) RunScript(string keyFile, string output)
    {
        string script = Path.Combine(RepoRoot(), "boards", "esp32-devkitc", "provision-key.sh");
        var psi = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(keyFile);
        psi.ArgumentList.Add(output);
        using var process = Process.Start(psi)!;
        string stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stderr);
    }
}
