using System.CommandLine;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Gateway.Cli.Board;
using Gateway.Cli.Output;
using Gateway.Host.Memory;

namespace Gateway.Cli.Commands;

/// <summary>
/// <c>gateway poke PATH OFFSET VALUE</c>: one store through a MAP_SHARED, PROT_READ|PROT_WRITE mapping of the
/// path (a register block gets exactly one write of that width, RM-2a; a cached object has its page written
/// back by msync(MS_SYNC) before the command ends).
/// </summary>
public static class PokeCommand
{
    private sealed record PokeArguments(string Path, ulong Offset, ulong Value, int Width);

    public static Command Create(CliConsole console)
    {
        var options = new BoardOptions();
        var path = BoardPath.Create("The board path, e.g. /dev/gpio/bank0.");
        var offset = new Argument<string>("OFFSET") { Description = "The offset into the object (decimal, or hex with 0x), e.g. 0x04 (OUTPUT of a GPIO bank)." };
        var value = new Argument<string>("VALUE") { Description = "The value to store (decimal, or hex with 0x); it must fit --width bytes." };
        Option<int> width = AccessWidth.Create();
        var command = new Command("poke", "Store one value through a MAP_SHARED read/write mapping of a path, at exactly --width bytes (registers get exactly that write, RM-2a). SIGSEGV and SIGBUS are reported as errors, SIGBUS with the board's errno.")
        {
            path, offset, value, width,
        };
        options.AddTo(command);
        command.SetAction((parse, cancellation) => BoardRunner.RunAsync(
            console,
            "poke",
            () => options.Read(parse),
            () => Read(parse.GetValue(path)!, parse.GetValue(offset)!, parse.GetValue(value)!, parse.GetValue(width)),
            RunAsync,
            cancellation));
        return command;
    }

    private static PokeArguments Read(string path, string offset, string value, int width)
    {
        ulong v = QnxText.ParseNumber(value, "VALUE");
        if (!AccessWidth.Fits(v, width))
        {
            throw CommandException.Usage($"VALUE: {value} does not fit {width} byte(s)");
        }

        return new PokeArguments(path, QnxText.ParseNumber(offset, "OFFSET"), v, width);
    }

    private static async Task<int> RunAsync(BoardContext context, PokeArguments arguments)
    {
        (string path, ulong offset, ulong value, int width) = arguments;
        string where = BoardContext.Absolute(path);
        ulong address = await context.MapSharedAsync(path, offset, (ulong)width, write: true).ConfigureAwait(false);
        string what = $"store of {width} bytes at {where} + {QnxText.Hex(offset)}";
        MemoryAccess store = await context.Client.StoreAsync(address, width, value).ConfigureAwait(false);
        if (!store.Ok)
        {
            throw BoardContext.Fault(what, store);
        }

        // A cached object's store sits in the page cache until written back (MM-9): write it back now.
        QnxResult sync = await context.Client.MsyncAsync(address, (ulong)width, Protocol.Qnx.MapFlags.MsSync).ConfigureAwait(false);
        if (!sync.Ok)
        {
            throw CommandException.FromErrno($"msync after the {what}", sync.Errno);
        }

        CliOutput output = context.Output;
        if (output.Quiet && !output.Json)
        {
            return (int)ExitCode.Ok;
        }

        // The register the store touched, by the board's own names (/fw/map).
        (RegisterMap? registers, string? why) = await RegisterMap.ReadAsync(context).ConfigureAwait(false);
        if (why != null)
        {
            output.Note($"gateway poke: no register names: {why}");
        }

        RegisterMap.RegisterSpot? spot = registers != null && registers.HasRegisters(where) ? registers.Find(where, offset, width) : null;
        string? register = spot != null || (registers != null && registers.HasRegisters(where)) ? PeekCommand.Describe(where, spot, width) : null;
        if (output.Json)
        {
            var json = new JsonObject { ["path"] = where, ["offset"] = offset, ["width"] = width, ["value"] = value, ["hex"] = AccessWidth.Format(value, width) };
            if (register != null)
            {
                json["register"] = spot?.Register?.Name;
                json["register_description"] = register;
            }

            output.WriteJson(json);
        }
        else
        {
            string bytes = width == 1 ? "1 byte" : $"{width} bytes";
            output.WriteLine(register == null
                ? $"{where} {RegisterMap.Hex4(offset)} ← {AccessWidth.Format(value, width)} ({bytes})"
                : $"{where} {RegisterMap.Hex4(offset)} {register} ← {AccessWidth.Format(value, width)} ({bytes})");
        }

        return (int)ExitCode.Ok;
    }
}
