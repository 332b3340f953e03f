using System;
using System.Diagnostics;
using System.Linq;

namespace Gateway.Cli.Tests.Board;

/// <summary>
/// Where <c>cat</c>'s bytes go decides their form (cli.md "cat"): to a terminal, text ends with a newline and binary
/// content is a hex dump unless <c>--raw</c>; to a pipe, the bytes go unchanged, as cat's do.
/// </summary>
public sealed class CatOutputTests
{
    [Fact]
    public void Terminal_JsonText_EndsWithANewline()
    {
        CliResult r = CliRun.InProcessOnTerminal("cat", "/fw/info");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.StartsWith("{", r.Out, StringComparison.Ordinal);
        Assert.EndsWith("}\n", r.Out.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("", r.Error);
    }

    [Fact]
    public void Terminal_BinaryRegisterPage_IsAHexDumpWithANote()
    {
        CliResult r = CliRun.InProcessOnTerminal("cat", "/dev/gpio/bank0");
        Assert.True(r.ExitCode == 0, r.ToString());
        string[] lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(256, lines.Length); // 4096 bytes, 16 a line
        Assert.StartsWith("00000030  ff ff ff ff ", lines[3], StringComparison.Ordinal); // PRESENT of bank0
        Assert.DoesNotContain('\0', r.Out);
        Assert.Contains("/dev/gpio/bank0 is binary (4096 bytes): a hex dump follows; --raw writes the bytes", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Terminal_Raw_WritesTheBytes()
    {
        CliResult r = CliRun.InProcessOnTerminal("cat", "/fw/bin/blink", "--raw");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.StartsWith("\u007fELF", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void HexAndRaw_ExitTwo()
    {
        CliResult r = CliRun.InProcess("cat", "/fw/info", "--hex", "--raw");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--hex and --raw exclude each other", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Pipe_BinaryBytesUnchanged()
    {
        (int code, byte[] bytes) = CliRun.ProcessBytes("cat", "/dev/gpio/bank0");
        Assert.Equal(0, code);
        Assert.Equal(4096, bytes.Length);
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, bytes.Skip(0x30).Take(4).ToArray());
    }

    [Fact]
    public void Pipe_TextGetsNoNewlineAdded()
    {
        (int code, byte[] bytes) = CliRun.ProcessBytes("cat", "/fw/info");
        Assert.Equal(0, code);
        Assert.Equal((byte)'}', bytes[^1]);
    }

    [Fact]
    public void RealTerminal_TextEndsWithANewline_BinaryIsADump()
    {
        // script(1) runs gateway with its standard output on a real pseudo-terminal (the terminal turns \n into \r\n).
        string text = OnATerminal("cat", "/fw/info");
        Assert.EndsWith("}\r\n", text, StringComparison.Ordinal);
        string dump = OnATerminal("cat", "/dev/gpio/bank0");
        Assert.Contains("00000030  ff ff ff ff ", dump, StringComparison.Ordinal);
    }

    private static string OnATerminal(params string[] args)
    {
        string command = string.Join(' ', new[] { "dotnet", CliRun.GatewayDll() }.Concat(args).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var start = new ProcessStartInfo("script")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "-qec", command, "/dev/null" })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process p = Process.Start(start)!;
        p.StandardInput.Close();
        System.Threading.Tasks.Task<string> output = p.StandardOutput.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), "gateway on a terminal did not exit within 60 s");
        Assert.True(p.ExitCode == 0, output.Result);
        return output.Result;
    }
}
