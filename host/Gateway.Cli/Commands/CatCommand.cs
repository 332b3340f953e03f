using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Gateway.Cli.Board;
using Gateway.Cli.Output;
using Gateway.Host.Wire;
using Gateway.Protocol.Qnx;

namespace Gateway.Cli.Commands;

/// <summary>
/// <c>gateway cat PATH</c>: a file's bytes, read with <c>_IO_READ</c> in frame-sized pieces on one open (so
/// <c>/fw/status</c>'s snapshot is not torn). To a pipe or a file the bytes go unchanged, as cat's do; to a
/// terminal, text ends with a newline (so the prompt does not stick to it) and binary content — bytes a terminal
/// would not show as text, or would take as control sequences — becomes a hex dump unless <c>--raw</c>.
/// </summary>
public static class CatCommand
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private sealed record CatArguments(string Path, bool Hex, bool Raw);

    public static Command Create(CliConsole console)
    {
        var options = new BoardOptions();
        var path = BoardPath.Create("The board path, e.g. /fw/map (JSON), /fw/status (JSON), /data/notes.txt.");
        var hex = new Option<bool>("--hex", "-x") { Description = "Print a hex dump (offset, bytes, ASCII) instead of the bytes, wherever the output goes." };
        var raw = new Option<bool>("--raw") { Description = "Write the bytes unchanged even to a terminal (to a pipe or a file they always are)." };
        var command = new Command("cat", "Print a file's bytes: open, _IO_READ in frame-sized pieces to the end, close. /fw/info, /fw/map and /fw/status are JSON. To a terminal, binary content is shown as a hex dump and text ends with a newline.")
        {
            path, hex, raw,
        };
        options.AddTo(command);
        command.SetAction((parse, cancellation) => BoardRunner.RunAsync(
            console,
            "cat",
            () => options.Read(parse),
            () => parse.GetValue(hex) && parse.GetValue(raw)
                ? throw CommandException.Usage("--hex and --raw exclude each other")
                : new CatArguments(parse.GetValue(path)!, parse.GetValue(hex), parse.GetValue(raw)),
            (context, arguments) => RunAsync(context, arguments.Path, arguments.Hex, arguments.Raw),
            cancellation));
        return command;
    }

    private static async Task<int> RunAsync(BoardContext context, string path, bool hex, bool raw)
    {
        int fd = await context.OpenAsync(path, OpenFlags.ReadOnly).ConfigureAwait(false);
        byte[] data = await context.ReadToEndAsync(fd, path).ConfigureAwait(false);
        await context.Client.CloseAsync(fd).ConfigureAwait(false);

        CliOutput output = context.Output;
        CliConsole console = output.Console;
        if (output.Json)
        {
            var json = new JsonObject
            {
                ["path"] = BoardContext.Absolute(path),
                ["length"] = data.Length,
                ["hex"] = HexText.Format(data),
            };
            if (IsUtf8(data))
            {
                json["text"] = Encoding.UTF8.GetString(data);
            }

            output.WriteJson(json);
        }
        else if (hex)
        {
            HexDump.Write(console.Out, data);
        }
        else if (console.IsTerminal && !raw)
        {
            if (IsTerminalText(data))
            {
                string text = Encoding.UTF8.GetString(data);
                console.Out.Write(text);
                if (text.Length > 0 && !text.EndsWith('\n'))
                {
                    console.Out.WriteLine();
                }
            }
            else
            {
                output.Note($"gateway cat: {BoardContext.Absolute(path)} is binary ({data.Length} bytes): a hex dump follows; --raw writes the bytes");
                HexDump.Write(console.Out, data);
            }
        }
        else if (console.BinaryOut != null)
        {
            console.Out.Flush();
            await console.BinaryOut.WriteAsync(data, context.Cancellation).ConfigureAwait(false);
            await console.BinaryOut.FlushAsync(context.Cancellation).ConfigureAwait(false);
        }
        else
        {
            console.Out.Write(Encoding.UTF8.GetString(data));
        }

        return (int)ExitCode.Ok;
    }

    /// <summary>
    /// True when a terminal shows <paramref name="data"/> as the text it is: UTF-8 without control characters other
    /// than tab, line feed and carriage return (a NUL, a bell or an escape sequence is not for the terminal).
    /// </summary>
    private static bool IsTerminalText(byte[] data)
    {
        if (!IsUtf8(data))
        {
            return false;
        }

        foreach (char c in Encoding.UTF8.GetString(data))
        {
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUtf8(byte[] data)
    {
        try
        {
            StrictUtf8.GetCharCount(data);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
