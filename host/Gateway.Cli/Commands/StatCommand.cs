using System.CommandLine;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Gateway.Cli.Board;
using Gateway.Cli.Output;
using Gateway.Host.Wire;

namespace Gateway.Cli.Commands;

/// <summary><c>gateway stat PATH</c>: the <c>_IO_STAT</c> body of a path, every member by its C name.</summary>
public static class StatCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new BoardOptions();
        var path = BoardPath.Create("The board path, e.g. /data/app.");
        var form = new Option<string?>("--form", "-f")
        {
            Description = "The stat form to ask for (_IO_STAT format 1–3): t32_2001 (72 bytes), t32_2008 (96), t64_2008 (120). Default: the resource's own form, else the board's preferred one.",
            HelpName = "FORM",
        };
        form.AcceptOnlyFromAmong(WireTypes.FormNames.ToArray());
        var command = new Command("stat", "Stat a path (an _IO_CONNECT COMBINE_CLOSE carrying _IO_STAT, as QNX's stat() sends) and print every member of the body by its C name.")
        {
            path, form,
        };
        options.AddTo(command);
        command.SetAction((parse, cancellation) => BoardRunner.RunAsync(
            console,
            "stat",
            () => options.Read(parse),
            context => RunAsync(context, parse.GetValue(path)!, parse.GetValue(form)),
            cancellation));
        return command;
    }

    private static async Task<int> RunAsync(BoardContext context, string path, string? formName)
    {
        uint format = (uint)WireTypes.FormFromName(formName);
        PathStat stat = await context.StatPathAsync(path, format).ConfigureAwait(false);
        string where = BoardContext.Absolute(path);
        if (stat.Errno != 0)
        {
            throw CommandException.FromErrno($"stat {where}", stat.Errno);
        }

        if (stat.Stat == null)
        {
            throw new CommandException(ExitCode.Failure, $"stat {where}: the board answered a body of {stat.Body.Length} bytes (a stat is 72, 96 or 120)");
        }

        JsonObject fields = PathStat.Fields(stat.Stat, stat.Form);
        CliOutput output = context.Output;
        if (output.Json)
        {
            output.WriteJson(new JsonObject
            {
                ["path"] = where,
                ["form"] = PathStat.FormName(stat.Form),
                ["body_bytes"] = stat.Body.Length,
                ["stat"] = fields,
            });
        }
        else if (!output.Quiet)
        {
            output.Write(FieldTable.Create($"{where}: __stat_{PathStat.FormName(stat.Form)} ({stat.Body.Length} bytes)", fields));
        }

        return (int)ExitCode.Ok;
    }
}
