using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Gateway.Cli.Board;
using Gateway.Cli.Output;
using Gateway.Host.Memory;
using Spectre.Console;

namespace Gateway.Cli.Commands;

/// <summary>
/// <c>gateway peek PATH OFFSET</c>: loads through a MAP_SHARED mapping of the path, each at its exact width, so a
/// register block (CACHE_FORCE_INVALIDATE) sees exactly those accesses (RM-2a).
/// </summary>
public static class PeekCommand
{
    /// <summary>The most loads one peek makes.</summary>
    public const int MaxCount = 4096;

    private sealed record PeekArguments(string Path, ulong Offset, int Width, int Count);

    public static Command Create(CliConsole console)
    {
        var options = new BoardOptions();
        var path = BoardPath.Create("The board path, e.g. /dev/gpio/bank0.");
        var offset = new Argument<string>("OFFSET") { Description = "The offset into the object (decimal, or hex with 0x), e.g. 0x30 (PRESENT of a GPIO bank)." };
        Option<int> width = AccessWidth.Create();
        var count = new Option<int>("--count", "-n")
        {
            Description = $"How many consecutive values to load (1–{MaxCount}).",
            HelpName = "N",
            DefaultValueFactory = _ => 1,
        };
        var command = new Command("peek", "Load values through a MAP_SHARED mapping of a path: each load is one access of --width bytes (registers get exactly that, RM-2a). SIGSEGV and SIGBUS are reported as errors, SIGBUS with the board's errno.")
        {
            path, offset, width, count,
        };
        options.AddTo(command);
        command.SetAction((parse, cancellation) => BoardRunner.RunAsync(
            console,
            "peek",
            () => options.Read(parse),
            () => new PeekArguments(
                parse.GetValue(path)!,
                QnxText.ParseNumber(parse.GetValue(offset)!, "OFFSET"),
                parse.GetValue(width),
                CheckCount(parse.GetValue(count))),
            RunAsync,
            cancellation));
        return command;
    }

    private static int CheckCount(int count) =>
        count is >= 1 and <= MaxCount ? count : throw CommandException.Usage($"--count: {count} is not 1–{MaxCount}");

    private static async Task<int> RunAsync(BoardContext context, PeekArguments arguments)
    {
        (string path, ulong offset, int width, int count) = arguments;
        string where = BoardContext.Absolute(path);
        ulong length = (ulong)width * (ulong)count;
        ulong address = await context.MapSharedAsync(path, offset, length, write: false).ConfigureAwait(false);
        var values = new ulong[count];
        for (int i = 0; i < count; i++)
        {
            ulong at = offset + ((ulong)i * (ulong)width);
            MemoryAccess load = await context.Client.LoadAsync(address + ((ulong)i * (ulong)width), width).ConfigureAwait(false);
            if (!load.Ok)
            {
                throw BoardContext.Fault($"load of {width} bytes at {where} + {QnxText.Hex(at)}", load);
            }

            values[i] = load.Value;
        }

        CliOutput output = context.Output;

        // The register each load touched, by the board's own names (/fw/map); bare values need none.
        RegisterMap? registers = null;
        if (output.Json || !output.Quiet)
        {
            (registers, string? why) = await RegisterMap.ReadAsync(context).ConfigureAwait(false);
            if (why != null)
            {
                output.Note($"gateway peek: no register names: {why}");
            }
        }

        bool named = registers != null && registers.HasRegisters(where);
        if (output.Json)
        {
            var list = new JsonArray();
            for (int i = 0; i < count; i++)
            {
                ulong at = offset + ((ulong)i * (ulong)width);
                var item = new JsonObject { ["offset"] = at, ["value"] = values[i], ["hex"] = AccessWidth.Format(values[i], width) };
                if (named)
                {
                    RegisterMap.RegisterSpot? spot = registers!.Find(where, at, width);
                    item["register"] = spot?.Register?.Name;
                    item["register_description"] = Describe(where, spot, width);
                }

                list.Add(item);
            }

            output.WriteJson(new JsonObject { ["path"] = where, ["width"] = width, ["values"] = list });
        }
        else if (output.Quiet)
        {
            foreach (ulong v in values)
            {
                output.WriteLine(AccessWidth.Format(v, width));
            }
        }
        else
        {
            string valueColumn = width == 1 ? "value (1 byte)" : $"value ({width} bytes)";
            Table table = named
                ? CliOutput.Table(where, "offset", "register", valueColumn, "decimal")
                : CliOutput.Table(where, "offset", valueColumn, "decimal");
            table.Columns[^1].RightAligned();
            for (int i = 0; i < count; i++)
            {
                ulong at = offset + ((ulong)i * (ulong)width);
                string value = AccessWidth.Format(values[i], width);
                string decimalValue = values[i].ToString(CultureInfo.InvariantCulture);
                if (named)
                {
                    CliOutput.Row(table, RegisterMap.Hex4(at), Describe(where, registers!.Find(where, at, width), width), value, decimalValue);
                }
                else
                {
                    CliOutput.Row(table, RegisterMap.Hex4(at), value, decimalValue);
                }
            }

            output.Write(table);
        }

        return (int)ExitCode.Ok;
    }

    /// <summary>
    /// The register an access touches: <c>OUTPUT (RW)</c>; through /dev/mem, the block it lands in too
    /// (<c>/dev/gpio/bank0 0x0030 PRESENT (RO)</c>); <c>(no … register)</c> for a gap, <c>(outside …)</c> past the windows.
    /// </summary>
    internal static string Describe(string path, RegisterMap.RegisterSpot? spot, int width)
    {
        if (spot == null)
        {
            return path == RegisterMap.DeviceMemory ? "(outside the device windows of /fw/map)" : "(no register map)";
        }

        string text = spot.Describe(width);
        return spot.Resource == path ? text : $"{spot.Resource} {RegisterMap.Hex4(spot.Offset)} {text}";
    }
}
