using System.CommandLine;
using System.CommandLine.Parsing;

namespace Gateway.Cli.Parsing;

/// <summary>
/// Checks every command's arguments get, so that a mistyped option is a usage error and not a value: the parser
/// hands a token such as <c>--bogus</c> that names no option to the next argument slot (<c>ls --bogus</c> would
/// list the path <c>/--bogus</c>), or to an option that takes several values.
/// </summary>
internal static class ArgumentChecks
{
    /// <summary>Adds the checks to every argument, and every many-valued option, of <paramref name="command"/> and its commands.</summary>
    public static void AddTo(Command command)
    {
        foreach (Argument argument in command.Arguments)
        {
            argument.Validators.Add(RefuseOptionLikeTokens);
        }

        foreach (Option option in command.Options)
        {
            if (option.AllowMultipleArgumentsPerToken)
            {
                option.Validators.Add(RefuseOptionLikeTokens);
            }
        }

        foreach (Command sub in command.Subcommands)
        {
            AddTo(sub);
        }
    }

    /// <summary>
    /// True for <c>-x</c> and <c>--word</c>; false for <c>-</c> (standard input) and negative numbers (<c>-1</c>,
    /// <c>-0.5</c>), which reach the value's own check.
    /// </summary>
    public static bool LooksLikeOption(string token) =>
        token.Length > 1 && token[0] == '-' && !char.IsAsciiDigit(token[1]) && token[1] != '.';

    private static void RefuseOptionLikeTokens(SymbolResult result)
    {
        foreach (Token token in result.Tokens)
        {
            if (LooksLikeOption(token.Value))
            {
                result.AddError($"unknown option '{token.Value}'");
            }
        }
    }
}
