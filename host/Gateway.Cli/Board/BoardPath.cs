using System.CommandLine;
using System.CommandLine.Parsing;

namespace Gateway.Cli.Board;

/// <summary>
/// The PATH argument of the board commands. A board path is absolute, as QNX paths are: <c>ls foo</c> is a usage
/// error that says so rather than a silent <c>/foo</c> (the board has no working directory to be relative to).
/// Control characters (NUL included) are refused too: they cannot be part of a name the board serves, and would
/// garble the terminal in messages.
/// </summary>
internal static class BoardPath
{
    public static Argument<string> Create(string description, string? defaultPath = null)
    {
        var path = new Argument<string>("PATH") { Description = description };
        if (defaultPath != null)
        {
            path.DefaultValueFactory = _ => defaultPath;
        }

        path.Validators.Add(Check);
        return path;
    }

    /// <summary>Why <paramref name="path"/> is not a board path, or null when it is one.</summary>
    public static string? Problem(string path)
    {
        if (path.Length == 0)
        {
            return "PATH is empty: board paths are absolute, e.g. /fw/info";
        }

        foreach (char c in path)
        {
            if (char.IsControl(c))
            {
                return $"PATH '{Printable(path)}' holds a control character (U+{(int)c:X4}): board paths are printable names";
            }
        }

        // An option-like token is reported as an unknown option by ArgumentChecks; do not add a second line.
        if (path[0] != '/' && !Parsing.ArgumentChecks.LooksLikeOption(path))
        {
            return $"PATH '{path}' is relative: board paths are absolute (there is no working directory on the board), e.g. /{path}";
        }

        return null;
    }

    private static void Check(ArgumentResult result)
    {
        foreach (Token token in result.Tokens)
        {
            if (Problem(token.Value) is { } problem)
            {
                result.AddError(problem);
            }
        }
    }

    private static string Printable(string text)
    {
        var b = new System.Text.StringBuilder(text.Length);
        foreach (char c in text)
        {
            b.Append(char.IsControl(c) ? '?' : c);
        }

        return b.ToString();
    }
}
