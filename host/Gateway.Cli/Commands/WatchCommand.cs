using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Cli.Board;
using Gateway.Cli.Output;
using Gateway.Devices.Events;
using Gateway.Devices.Registers;
using Gateway.Host.Board;
using Gateway.Host.Link;
using Gateway.Host.Memory;
using Gateway.Host.Targets;

namespace Gateway.Cli.Commands;

/// <summary>
/// <c>gateway watch</c>: board events (QNX pulses over the link) as they arrive — source, code, value, the
/// source's running counter and the events lost before this one. <c>--enable-edges bankN:MASK</c> first maps the
/// bank and sets RISE_EN and FALL_EN to MASK (left set when the command ends) so edges flow.
/// </summary>
public static class WatchCommand
{
    private sealed record EdgeRequest(int Bank, uint Mask);

    private sealed record WatchArguments(int? Count, double? Seconds, IReadOnlyList<EdgeRequest> Edges);

    public static Command Create(CliConsole console)
    {
        var options = new BoardOptions();
        var count = new Option<int?>("--count", "-n")
        {
            Description = "Stop after this many events (default: until Ctrl-C or --seconds).",
            HelpName = "N",
        };
        var seconds = new Option<double?>("--seconds", "-s")
        {
            Description = "Stop after this many seconds (default: until Ctrl-C or --count).",
            HelpName = "S",
        };
        var edges = new Option<string[]>("--enable-edges", "-e")
        {
            Description = "Before watching, map /dev/gpio/bankN and set its RISE_EN and FALL_EN registers to MASK (hex with 0x, or decimal), e.g. bank0:0x20. Repeatable. The registers stay set afterwards.",
            HelpName = "bankN:MASK",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("watch", "Print board events as they arrive: source, code, value, counter and lost (a gap in the source's counter). One JSON object per line with --json.")
        {
            count, seconds, edges,
        };
        options.AddTo(command);
        command.SetAction((parse, cancellation) => BoardRunner.RunAsync(
            console,
            "watch",
            () => options.Read(parse),
            () => Read(parse.GetValue(count), parse.GetValue(seconds), parse.GetValue(edges)),
            (context, arguments) => RunAsync(context, arguments),
            cancellation));
        return command;
    }

    private static WatchArguments Read(int? count, double? seconds, string[]? edges)
    {
        if (count is < 1)
        {
            throw CommandException.Usage($"--count: {count} is not a positive number of events");
        }

        if (seconds is { } s && (double.IsNaN(s) || s <= 0 || s > TimeSpan.MaxValue.TotalSeconds / 2))
        {
            throw CommandException.Usage($"--seconds: {s.ToString(CultureInfo.InvariantCulture)} is not a positive duration");
        }

        var requests = new List<EdgeRequest>();
        foreach (string e in edges ?? Array.Empty<string>())
        {
            int colon = e.IndexOf(':', StringComparison.Ordinal);
            string bank = colon < 0 ? e : e[..colon];
            if (colon < 0 || !bank.StartsWith("bank", StringComparison.Ordinal)
                || !int.TryParse(bank.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                throw CommandException.Usage($"--enable-edges: '{e}' is not bankN:MASK (e.g. bank0:0x20)");
            }

            ulong mask = QnxText.ParseNumber(e[(colon + 1)..], "--enable-edges MASK");
            if (mask > uint.MaxValue)
            {
                throw CommandException.Usage($"--enable-edges: the mask of '{e}' does not fit the 32-bit registers");
            }

            requests.Add(new EdgeRequest(index, (uint)mask));
        }

        return new WatchArguments(count, seconds, requests);
    }

    private static async Task<int> RunAsync(BoardContext context, WatchArguments arguments)
    {
        ITargetSession session = context.Session;
        foreach (EdgeRequest edge in arguments.Edges)
        {
            await EnableEdgesAsync(context, edge).ConfigureAwait(false);
        }

        CliOutput output = context.Output;
        string until = arguments.Count is { } n ? $"{n} event(s)" : arguments.Seconds is { } s ? $"{s.ToString(CultureInfo.InvariantCulture)} s" : "Ctrl-C";
        output.Note($"watching events of {context.Session.Board.Name} on {context.Settings.Target} until {until}");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        if (arguments.Seconds is { } seconds)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        Task<LinkEndReason> ended = session.Completion;
        int seen = 0;
        while (arguments.Count is not { } max || seen < max)
        {
            // The session queues events from its start, so none is lost between two waits.
            Task<BoardEvent?> next = session.NextEventAsync(Timeout.InfiniteTimeSpan, stop.Token);
            Task first = await Task.WhenAny(next, ended).ConfigureAwait(false);
            if (first == ended && !next.IsCompleted)
            {
                return output.Console.Fail("watch", $"the link to {context.Settings.Target} ended: {ended.Result}", ExitCode.Unreachable);
            }

            BoardEvent? e;
            try
            {
                e = await next.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break; // --seconds ran out, or Ctrl-C: a normal end.
            }

            if (e != null)
            {
                Print(output, e);
                seen++;
            }
        }

        output.Note($"{seen} event(s)");
        return (int)ExitCode.Ok;
    }

    /// <summary>Maps /dev/gpio/bankN and sets RISE_EN and FALL_EN (two exact 4-byte stores).</summary>
    private static async Task EnableEdgesAsync(BoardContext context, EdgeRequest edge)
    {
        string path = $"/dev/gpio/bank{edge.Bank.ToString(CultureInfo.InvariantCulture)}";
        ulong address = await context.MapSharedAsync(path, GpioBankRegion.RiseEnable, 8, write: true).ConfigureAwait(false);
        foreach ((int register, string name) in new[] { (GpioBankRegion.RiseEnable, "RISE_EN"), (GpioBankRegion.FallEnable, "FALL_EN") })
        {
            MemoryAccess store = await context.Client.StoreAsync(address + (ulong)(register - GpioBankRegion.RiseEnable), 4, edge.Mask).ConfigureAwait(false);
            if (!store.Ok)
            {
                throw BoardContext.Fault($"store of {name} at {path} + {QnxText.Hex((ulong)register)}", store);
            }
        }

        context.Output.Note($"{path}: RISE_EN and FALL_EN set to {AccessWidth.Format(edge.Mask, 4)}");
    }

    private static void Print(CliOutput output, BoardEvent e)
    {
        (string source, string code) = Names(e);
        if (output.Json)
        {
            output.WriteJsonLine(new JsonObject
            {
                ["source"] = e.Source,
                ["source_name"] = source,
                ["code"] = e.Code,
                ["code_name"] = code,
                ["value"] = e.Value,
                ["counter"] = e.Counter,
                ["lost"] = e.Lost,
            });
        }
        else if (output.Quiet)
        {
            output.WriteLine(FormattableString.Invariant($"{e.Source} {e.Code} 0x{e.Value:x8} {e.Counter} {e.Lost}"));
        }
        else
        {
            output.WriteLine(FormattableString.Invariant($"source {e.Source,2} {source,-10}  code {e.Code} {code,-14}  value 0x{e.Value:x8}  counter {e.Counter,6}  lost {e.Lost}"));
        }

        output.Console.Out.Flush();
    }

    /// <summary>What the devices' sources and codes mean (hardware-docs/register-maps.md).</summary>
    private static (string Source, string Code) Names(BoardEvent e)
    {
        if (e.Source == EventSources.Spi0)
        {
            return ("spi0", e.Code switch
            {
                EventSources.CodeSpiDone => "transfer done",
                EventSources.CodeSpiError => "transfer error",
                _ => "?",
            });
        }

        if (e.Source >= EventSources.GpioBankBase && e.Source < EventSources.Spi0)
        {
            return ($"gpio bank{(e.Source - EventSources.GpioBankBase).ToString(CultureInfo.InvariantCulture)}", e.Code == EventSources.CodeGpioEdge ? "edge" : "?");
        }

        return ("?", "?");
    }
}
