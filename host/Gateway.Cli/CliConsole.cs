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

    public static CliConsole System()
    {
        return new CliConsole(Console.Out, Console.Error, Console.In);
    }

    /// <summary>Writes <c>gateway COMMAND: error: MESSAGE</c> to standard error and returns the exit code.</summary>
    public int Fail(string command, string message, ExitCode code)
    {
        Error.WriteLine($"gateway {command}: error: {message}");
        return (int)code;
    }
}
