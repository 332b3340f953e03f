using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Gateway.Cli.Commands;
using Gateway.Cli.Parsing;

namespace Gateway.Cli;

/// <summary>
/// The <c>gateway</c> command line: the root command and its commands. Each command lives in its own file under
/// <c>Commands/</c> with a <c>Create(CliConsole)</c> factory; add new ones to <see cref="Commands"/>.
/// </summary>
public static class GatewayCli
{
    private static IEnumerable<Command> Commands(CliConsole console)
    {
        yield return ConformCommand.Create(console);
        yield return RunCommand.Create(console);
        yield return WireCommand.Create(console);
        yield return ProbeCommand.Create(console);
        yield return LsCommand.Create(console);
        yield return StatCommand.Create(console);
        yield return CatCommand.Create(console);
        yield return MmapCommand.Create(console);
        yield return PeekCommand.Create(console);
        yield return PokeCommand.Create(console);
        yield return WatchCommand.Create(console);
        yield return EmulateCommand.Create(console);
        yield return BenchCommand.Create(console);
    }

    public static RootCommand BuildRoot(CliConsole console)
    {
        var root = new RootCommand("gateway: drive a Gateway board (a QNX resource manager) from the desktop, and check it.");
        foreach (Command c in Commands(console))
        {
            root.Add(c);
        }

        ArgumentChecks.AddTo(root);
        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>; usage errors are reported on standard error, with the command's usage,
    /// and exit code 2.
    /// </summary>
    public static int Run(string[] args, CliConsole console)
    {
        RootCommand root = BuildRoot(console);
        ParseResult result = root.Parse(args);
        if (result.Action is ParseErrorAction)
        {
            return UsageErrors.Report(result, console);
        }

        var config = new InvocationConfiguration { Output = console.Out, Error = console.Error };
        return result.Invoke(config);
    }
}
