using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.IO;

namespace Gateway.Cli.Parsing;

/// <summary>
/// How a command line that does not parse is reported (exit 2): one line per mistake on standard error, in the
/// command's own words (<c>gateway ls: error: unknown option '--bogus'</c>), then that command's usage and where
/// its full help is. A token the parser could not place is named once, as an unknown command, option or argument;
/// the parser's own "Required command was not provided." is dropped when an unknown command explains it.
/// </summary>
internal static class UsageErrors
{
    /// <summary>Writes the errors of <paramref name="result"/> and the usage of the command they belong to.</summary>
    public static int Report(ParseResult result, CliConsole console)
    {
        CommandResult where = result.CommandResult;
        string name = CommandPath(where);
        IReadOnlyList<string> unmatched = result.UnmatchedTokens;
        var lines = new List<string>();
        foreach (string token in unmatched)
        {
            lines.Add(Unrecognized(where.Command, token));
        }

        foreach (ParseError error in result.Errors)
        {
            if (error.SymbolResult is CommandResult && ReportedAsUnmatched(error, unmatched))
            {
                continue;
            }

            if (error.SymbolResult is CommandResult missing && NeedsSubcommand(missing.Command))
            {
                if (unmatched.Count == 0)
                {
                    lines.Add($"'{CommandPath(missing)}' needs a command (listed below)");
                }

                continue;
            }

            lines.Add(error.Message);
        }

        // A mistyped option first: an argument it displaced (peek PATH --bogus 0x30) is a consequence.
        var ordered = lines.FindAll(IsUnknownOption);
        ordered.AddRange(lines.FindAll(l => !IsUnknownOption(l)));
        foreach (string line in Distinct(ordered))
        {
            console.Error.WriteLine($"{name}: error: {line}");
        }

        WriteUsage(result.RootCommandResult.Command, where, console.Error);
        console.Error.WriteLine($"Run '{name} --help' for {(NeedsSubcommand(where.Command) ? "its commands" : "every option")}.");
        return (int)ExitCode.Usage;
    }

    /// <summary>
    /// The usage section of the command's help (as <c>--help</c> prints it), and its commands when it groups some.
    /// The help is rendered by the parser's own help action, so usage here and in <c>--help</c> cannot differ.
    /// </summary>
    public static void WriteUsage(Command root, CommandResult where, TextWriter writer)
    {
        var words = new List<string>();
        for (SymbolResult? r = where; r?.Parent != null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                words.Insert(0, c.Command.Name);
            }
        }

        words.Add("--help");
        var help = new StringWriter();
        root.Parse(words).Invoke(new InvocationConfiguration { Output = help, Error = TextWriter.Null });
        bool groups = NeedsSubcommand(where.Command);
        foreach (string section in help.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n"))
        {
            if (section.StartsWith("Usage:", StringComparison.Ordinal) || (groups && section.StartsWith("Commands:", StringComparison.Ordinal)))
            {
                writer.WriteLine(section.TrimEnd('\n'));
                writer.WriteLine();
            }
        }
    }

    private static bool IsUnknownOption(string line) => line.StartsWith("unknown option", StringComparison.Ordinal);

    private static string Unrecognized(Command command, string token)
    {
        if (ArgumentChecks.LooksLikeOption(token))
        {
            return $"unknown option '{token}'";
        }

        return NeedsSubcommand(command)
            ? $"unrecognized command '{token}'"
            : $"unexpected argument '{token}'";
    }

    /// <summary>The parser's "Unrecognized command or argument 'X'" for a token already named above.</summary>
    private static bool ReportedAsUnmatched(ParseError error, IReadOnlyList<string> unmatched)
    {
        foreach (string token in unmatched)
        {
            if (error.Message.Contains($"'{token}'", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A command that only groups others (the root, <c>wire</c>): it runs nothing itself.</summary>
    private static bool NeedsSubcommand(Command command) => command.Subcommands.Count > 0 && command.Action == null;

    /// <summary><c>gateway</c>, <c>gateway ls</c>, <c>gateway wire decode</c>: the words that reached the command.</summary>
    private static string CommandPath(CommandResult result)
    {
        var words = new List<string>();
        for (SymbolResult? r = result; r != null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                words.Insert(0, c.Parent == null ? "gateway" : c.Command.Name);
            }
        }

        return string.Join(' ', words);
    }

    private static IEnumerable<string> Distinct(List<string> lines)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in lines)
        {
            if (seen.Add(line))
            {
                yield return line;
            }
        }
    }
}
