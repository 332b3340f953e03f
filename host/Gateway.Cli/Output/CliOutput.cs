using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Gateway.Cli.Output;

/// <summary>
/// Where a command's results go: Spectre.Console tables for people, plain JSON with <c>--json</c>, bare data
/// with <c>--quiet</c>. Notes (progress, hints) go to standard error, so <c>--json</c> output stays pure; <c>--quiet</c>
/// drops them.
/// </summary>
internal sealed class CliOutput
{
    /// <summary>Width of tables when standard output is not a terminal (pipes, files, tests): wide enough not to wrap.</summary>
    private const int RedirectedWidth = 160;

    private static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions Compact = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly CliConsole console;
    private IAnsiConsole? ansi;

    public CliOutput(CliConsole console, bool json, bool quiet)
    {
        this.console = console;
        Json = json;
        Quiet = quiet;
    }

    public CliConsole Console => console;

    public bool Json { get; }

    public bool Quiet { get; }

    private IAnsiConsole Ansi => ansi ??= CreateAnsi();

    private IAnsiConsole CreateAnsi()
    {
        IAnsiConsole created = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Out),
            Ansi = console.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = console.IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!console.IsTerminal)
        {
            created.Profile.Width = RedirectedWidth;
        }

        return created;
    }

    /// <summary>Writes one JSON document (indented) to standard output.</summary>
    public void WriteJson(JsonNode node)
    {
        console.Out.WriteLine(node.ToJsonString(Pretty));
    }

    /// <summary>Writes one JSON document on one line (JSON Lines, for streams such as watch).</summary>
    public void WriteJsonLine(JsonNode node)
    {
        console.Out.WriteLine(node.ToJsonString(Compact));
        console.Out.Flush();
    }

    /// <summary>Writes a line of plain text to standard output (bare data, or a human line).</summary>
    public void WriteLine(string text)
    {
        console.Out.WriteLine(text);
    }

    /// <summary>A note for people on standard error (never mixed into --json output); dropped by --quiet.</summary>
    public void Note(string text)
    {
        if (!Quiet)
        {
            console.Error.WriteLine(text);
        }
    }

    public void Write(IRenderable renderable)
    {
        Ansi.Write(renderable);
    }

    /// <summary>A table whose cells are plain text (never markup).</summary>
    public static Table Table(string? title, params string[] columns)
    {
        var table = new Table { Border = TableBorder.Rounded };
        if (title != null)
        {
            table.Title = new TableTitle(Markup.Escape(title));
        }

        foreach (string c in columns)
        {
            table.AddColumn(new TableColumn(new Text(c)));
        }

        return table;
    }

    public static void Row(Table table, params string?[] cells)
    {
        var row = new List<IRenderable>(cells.Length);
        foreach (string? c in cells)
        {
            row.Add(new Text(c ?? ""));
        }

        table.AddRow(row);
    }
}
