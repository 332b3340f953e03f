using System;
using System.Linq;
using Gateway.Host.Targets;

namespace Gateway.Cli.Tests.Targets;

/// <summary>
/// A bad <c>--target</c>: exactly one line on standard error, exit 2; an unknown scheme lists every scheme, and an
/// option on the wrong scheme names the schemes that take it in the words <c>--help</c> uses for it.
/// </summary>
public sealed class TargetErrorTests
{
    private static string OneErrorLine(CliResult r)
    {
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal("", r.Out);
        string[] lines = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        return lines[0];
    }

    [Theory]
    [InlineData("bogus:")]
    [InlineData("bogus:/dev/x?a=1")]
    [InlineData("udp://127.0.0.1:7447")]
    public void UnknownScheme_OneLineListingEveryScheme(string target)
    {
        string line = OneErrorLine(CliRun.InProcess("probe", "--target", target));
        Assert.StartsWith("gateway probe: error: ", line, StringComparison.Ordinal);
        Assert.Contains("unknown scheme", line, StringComparison.Ordinal);
        foreach (TargetSchemeInfo scheme in TargetRegistry.Schemes)
        {
            Assert.Contains(scheme.Form, line, StringComparison.Ordinal);
        }

        // The input is quoted once, not echoed again when it is the scheme alone.
        Assert.Equal(1, CountOf(line, $"'{target}'"));
    }

    [Theory]
    [InlineData("emu:?faults=0.1", "faults", "emu")]
    [InlineData("emu:?seed=1", "seed", "emu")]
    [InlineData("pty:?reset-after=3", "reset-after", "pty")]
    [InlineData("tcp://127.0.0.1:7447?bits=32", "bits", "tcp")]
    [InlineData("emu:?baud=9600", "baud", "emu")]
    [InlineData("link+emu:?flow=rtscts", "flow", "link+emu")]
    public void OptionOnTheWrongScheme_NamesTheSchemesThatTakeIt_AsHelpDoes(string target, string option, string scheme)
    {
        string line = OneErrorLine(CliRun.InProcess("ls", "--target", target));
        string takers = TargetRegistry.SchemesTaking(option)!;
        string form = TargetRegistry.OptionForm(option);
        Assert.Contains($"{form} is taken by {takers} only, not {scheme}:", line, StringComparison.Ordinal);

        // conform --help (and every board command's) says the same: the same schemes take the same form.
        string help = CliRun.InProcess("conform", "--help").Out.Replace("\n", " ", StringComparison.Ordinal);
        help = System.Text.RegularExpressions.Regex.Replace(help, @"\s+", " ");
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(takers)} (also )?takes? [^;.]*{System.Text.RegularExpressions.Regex.Escape(form)}", help);
    }

    [Fact]
    public void FaultsOnLinkEmu_IsTaken()
    {
        // What help and errors say must be true: link+emu: takes faults and seed.
        CliResult r = CliRun.InProcess("probe", "--target", "link+emu:?faults=0&seed=3", "-q");
        Assert.True(r.ExitCode == 0, r.ToString());
    }

    [Fact]
    public void OptionNoSchemeTakes_SaysSoAndWhatTheSchemeTakes()
    {
        string line = OneErrorLine(CliRun.InProcess("stat", "/", "--target", "emu:?colour=red"));
        Assert.Equal("gateway stat: error: 'emu:?colour=red': no scheme takes the option 'colour'; emu: takes bits=32|64 and quirks=0|1.", line);
    }

    [Fact]
    public void BadValue_OneLine()
    {
        string line = OneErrorLine(CliRun.InProcess("probe", "--target", "emu:?bits=16"));
        Assert.Equal("gateway probe: error: 'emu:?bits=16': bits=16 is not one of 32, 64.", line);
    }

    private static int CountOf(string text, string part)
    {
        int n = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
