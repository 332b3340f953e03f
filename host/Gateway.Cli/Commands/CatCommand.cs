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
/// <c>gateway cat PATH</c>: a file's bytes to standard output, read with <c>_IO_READ</c> in frame-sized pieces
/// on one open (so <c>/fw/status</c>'s snapshot is not torn).
/// </summary>
public static class CatCommand
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static Command Create(CliConsole console)
    {
        var options = new BoardOptions();
        var path = new Argument<string>("PATH") { Description = "The board path, e.g. /fw/map (JSON), /fw/status (JSON), /data/notes.txt." };
        var hex = new Option<bool>("--hex", "-x") { Description = "Print a hex dump (offset, bytes, ASCII) instead of the raw bytes." };
        var command = new Command("cat", "Print a file's bytes: open, _IO_READ in frame-sized pieces to the end, close. /fw/info, /fw/map and /fw/status are JSON.")
        {
            path, hex,
        };
        options.AddTo(command);
        command.SetAction((parse, cancellation) => BoardRunner.RunAsync(
            console,
            "cat",
            () => options.Read(parse),
            context => RunAsync(context, parse.GetValue(path)!, parse.GetValue(hex)),
            cancellation));
        return command;
    }

    private static async Task<int> RunAsync(BoardContext context, string path, bool hex)
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
