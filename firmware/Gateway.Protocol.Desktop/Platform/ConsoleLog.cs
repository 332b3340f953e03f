using System;
using System.IO;
using Gateway.Protocol.Platform;

namespace Gateway.Protocol.Desktop.Platform;

/// <summary>The board log on a desktop: one line per message on stderr (or a given writer), with a prefix.</summary>
public sealed class ConsoleLog : ILog
{
    private readonly TextWriter writer;
    private readonly string prefix;
    private readonly bool quiet;
    private readonly object gate = new();

    /// <param name="prefix">Put before every line, e.g. "board".</param>
    /// <param name="quiet">Drop Info lines, keep warnings.</param>
    /// <param name="writer">Defaults to <see cref="Console.Error"/>.</param>
    public ConsoleLog(string prefix = "board", bool quiet = false, TextWriter? writer = null)
    {
        this.writer = writer ?? Console.Error;
        this.prefix = prefix;
        this.quiet = quiet;
    }

    public void Info(string message)
    {
        if (!quiet)
        {
            Write("info", message);
        }
    }

    public void Warn(string message) => Write("warn", message);

    private void Write(string level, string message)
    {
        lock (gate)
        {
            writer.WriteLine($"{prefix} {level}: {message}");
        }
    }
}
