using System;
using System.IO;

namespace Gateway.Cli;

/// <summary>The standard streams a command uses; tests pass <see cref="StringWriter"/>s and run commands in-process.</summary>
public sealed class CliConsole
{
    public CliConsole(TextWriter output, TextWriter error, TextReader input)
    {
        Out = output;
        Error = error;
        In = input;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public TextReader In { get; }

    /// <summary>
    /// Standard output as bytes, for commands whose output is data (<c>cat</c>); null when only <see cref="Out"/>
    /// exists (tests), and such commands then write the bytes as UTF-8 text to <see cref="Out"/>.
    /// </summary>
    public Stream? BinaryOut { get; init; }

    /// <summary>True when standard output is a terminal: tables may use colour and the terminal's width.</summary>
    public bool IsTerminal { get; init; }

    public static CliConsole System()
    {
        return new CliConsole(Console.Out, Console.Error, Console.In)
        {
            BinaryOut = Console.OpenStandardOutput(),
            IsTerminal = !Console.IsOutputRedirected,
        };
    }

    /// <summary>Writes <c>gateway COMMAND: error: MESSAGE</c> to standard error and returns the exit code.</summary>
    public int Fail(string command, string message, ExitCode code)
    {
        Error.WriteLine($"gateway {command}: error: {message}");
        return (int)code;
    }
}
