using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Gateway.Host.Bench;
using Gateway.Host.Link;
using Gateway.Host.Targets;
using Gateway.Transports.Desktop;
using Gateway.Transports.Desktop.Paced;
using Spectre.Console;

namespace Gateway.Cli.Commands;

/// <summary>
/// <c>gateway bench</c>: link efficiency, round trips, throughput over a paced serial line and latency over a
/// pseudo-terminal and TCP loopback, against an emulated board in this process, and the bulk read from the emulated
/// board app in a child process over a pty (hardware-docs/performance.md); prints tables, writes <c>--json</c>, exits
/// 1 when a budget of performance.md is missed.
/// </summary>
public static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var full = new Option<bool>("--full")
        {
            Description = "Every baud rate (115,200 / 921,600 / 3,000,000) and frame size (4352 … 65792), 5000 latency samples; the default is quick (921,600 baud, two frame sizes, 1000 samples).",
        };
        var json = new Option<string?>("--json")
        {
            Description = "Also write the results as JSON to FILE ('-' for standard output, which then carries only the JSON).",
            HelpName = "FILE",
        };
        var clock = new Option<string>("--clock")
        {
            Description = "The paced line's clock for throughput: fast-forward (real computing time, waits for the line skipped; default), virtual (computing free, deterministic) or real-time (slow: 1 MiB at 115,200 baud is 91 s).",
            DefaultValueFactory = _ => "fast-forward",
            HelpName = "CLOCK",
        };
        clock.AcceptOnlyFromAmong("fast-forward", "virtual", "real-time");
        var requests = new Option<int?>("--latency-requests")
        {
            Description = "Small requests per latency run (at least 10).",
            HelpName = "N",
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress lines on standard error." };
        var bench = new Command("bench", "Measure the link against the budgets of hardware-docs/performance.md (emulated board in process): efficiency, round trips, throughput over a paced serial line, latency over a pty and TCP, 16 KiB reads from gateway-emulated over a pty.")
        {
            full, json, clock, requests, quiet,
        };
        bench.SetAction((parse, cancellationToken) => Run(
            console,
            parse.GetValue(full),
            parse.GetValue(json),
            parse.GetValue(clock)!,
            parse.GetValue(requests),
            parse.GetValue(quiet),
            cancellationToken));
        return bench;
    }

    public static async System.Threading.Tasks.Task<int> Run(CliConsole console, bool full, string? jsonFile, string clock, int? requests, bool quiet, CancellationToken cancellationToken = default)
    {
        if (requests is < 10)
        {
            return console.Fail("bench", "--latency-requests must be at least 10", ExitCode.Usage);
        }

        var options = new BenchOptions
        {
            Full = full,
            Clock = clock switch { "virtual" => LineClockMode.Virtual, "real-time" => LineClockMode.RealTime, _ => LineClockMode.FastForward },
            LatencyRequests = requests,
            Progress = quiet ? null : line => console.Error.WriteLine("gateway bench: " + line),
        };

        BenchReport report;
        try
        {
            report = await BenchSuite.RunAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is BenchException || TransportFailure.IsLinkLoss(e))
        {
            return console.Fail("bench", e.Message, ExitCode.Failure);
        }

        if (jsonFile != "-")
        {
            Print(Ansi(console), report);
        }

        if (jsonFile == "-")
        {
            console.Out.WriteLine(report.ToJson());
        }
        else if (jsonFile != null)
        {
            try
            {
                File.WriteAllText(jsonFile, report.ToJson() + Environment.NewLine);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return console.Fail("bench", $"cannot write {jsonFile}: {e.Message}", ExitCode.Usage);
            }
        }

        if (!report.BudgetsMet)
        {
            console.Error.WriteLine("gateway bench: budget missed: " + string.Join("; ", report.Budgets.Where(b => !b.Met).Select(b => $"{b.Name}: {b.Measured} (budget {b.Limit})")));
            return (int)ExitCode.Failure;
        }

        return (int)ExitCode.Ok;
    }

    private static IAnsiConsole Ansi(CliConsole console)
    {
        bool terminal = ReferenceEquals(console.Out, Console.Out) && !Console.IsOutputRedirected;
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Out),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal)
        {
            ansi.Profile.Width = 160;
        }

        return ansi;
    }

    private static void Print(IAnsiConsole ansi, BenchReport r)
    {
        ansi.WriteLine($"machine: {r.Machine}");
        ansi.WriteLine();

        var efficiency = Table("Link efficiency: sequential page-in of 1 MiB (/data/bench.bin) through the memory manager, read-ahead = pages per frame",
            "frame body", "pages / page-in", "page-ins", "host→board B", "board→host B", "wire ÷ payload");
        foreach (var e in r.Efficiency)
        {
            efficiency.AddRow(N(e.NegotiatedBody), N(e.PagesPerPageIn), N(e.PageIns), N(e.HostToBoardBytes), N(e.BoardToHostBytes), e.Efficiency.ToString("0.0000", CultureInfo.InvariantCulture));
        }

        ansi.Write(efficiency);

        var trips = Table("Round trips (QNX messages = request/reply frame pairs, traced over the link)", "operation", "messages", "types", "request frames", "reply bytes");
        foreach (var t in r.RoundTrips)
        {
            trips.AddRow(Markup.Escape(t.Operation), N(t.Messages), Markup.Escape(t.Kinds.Count == 0 ? "none" : string.Join(", ", t.Kinds)), N(t.RequestFrames), t.ReplyBytes?.ToString(CultureInfo.InvariantCulture) ?? "");
        }

        ansi.Write(trips);

        var throughput = Table($"Throughput: sequential page-in of 1 MiB over a paced 8N1 line ({r.Clock} clock), frame body 16640",
            "baud", "window", "payload limit B/s", "payload B/s", "of the limit", "seconds", "retransmits");
        foreach (var t in r.Throughput)
        {
            throughput.AddRow(N(t.Settings.Baud), N(t.NegotiatedWindow), N((long)(t.Settings.Baud / 10.0)), N((long)t.BytesPerSecond), (t.LineFraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %", t.Seconds.ToString("0.00", CultureInfo.InvariantCulture), N(t.Retransmits));
        }

        ansi.Write(throughput);

        var latency = Table("Latency: 4-byte register loads through the memory manager (one _IO_READ each); throughput one at a time and with the window full",
            "transport", "requests", "p50 µs", "p99 µs", "mean µs", "req/s (1 in flight)", "req/s (window)");
        foreach (var l in r.Latency)
        {
            latency.AddRow(l.Transport switch { LatencyTransport.Pty => "pseudo-terminal (termios)", LatencyTransport.PtyPorts => "pseudo-terminal (System.IO.Ports)", _ => "TCP loopback" }, N(l.Requests), F(l.P50Microseconds), F(l.P99Microseconds), F(l.MeanMicroseconds), N((long)l.SequentialPerSecond), $"{N((long)l.PipelinedPerSecond)} (window {l.Window})");
        }

        ansi.Write(latency);

        var frames = Table("Frame path: one frame encoded / decoded in one chunk (µs); v1 = table CRC + COBS (the old link), v2 = marker + length + CRC, payload copied",
            "body", "data", "codec", "wire B", "encode µs", "decode µs");
        foreach (var f in r.FramePath)
        {
            frames.AddRow(N(f.Body), f.Data, Markup.Escape(f.Codec), N(f.WireBytes), f.EncodeUs.ToString("0.00", CultureInfo.InvariantCulture), f.DecodeUs.ToString("0.00", CultureInfo.InvariantCulture));
        }

        ansi.Write(frames);
        PrintPerRequest(ansi, r.PerRequest);

        var bulk = Table("Bulk read over a pty: gateway-emulated --pty in its own process, sequential 16 KiB _IO_READs of a 32 KiB /data file (lseek to 0 at its end), every byte checked; TCP loopback and in-process for comparison",
            "transport", "data", "MiB read", "MiB/s", "mean µs / read", "p50 µs", "p99 µs", "wire ÷ payload", "pieces / reply", "retransmits");
        foreach (var b in r.BulkRead)
        {
            bulk.AddRow(
                b.Transport switch
                {
                    BulkReadTransport.Pty => "pseudo-terminal (termios)",
                    BulkReadTransport.PtyPorts => "pseudo-terminal (System.IO.Ports)",
                    BulkReadTransport.Tcp => "TCP loopback (same app)",
                    _ => "in-process pipe (no kernel)",
                },
                b.Pattern == BulkPattern.Zero ? "all zero" : "random",
                N(b.BytesRead >> 20),
                b.MiBPerSecond.ToString("0.0", CultureInfo.InvariantCulture),
                F(b.MeanMicroseconds),
                F(b.P50Microseconds),
                F(b.P99Microseconds),
                b.WirePerPayload.ToString("0.0000", CultureInfo.InvariantCulture),
                b.PiecesPerReply.ToString("0.0", CultureInfo.InvariantCulture),
                N(b.Retransmits));
        }

        ansi.Write(bulk);

        var budgets = Table("Budgets (hardware-docs/performance.md)", "budget", "measured", "limit", "");
        foreach (var b in r.Budgets)
        {
            budgets.AddRow(Markup.Escape(b.Name), Markup.Escape(b.Measured), Markup.Escape(b.Limit), b.Met ? "[green]met[/]" : "[red]MISSED[/]");
        }

        ansi.Write(budgets);
    }

    private static void PrintPerRequest(IAnsiConsole ansi, PerRequestReport p)
    {
        var requests = Table("Per-request path: steady-state requests through ResourceManager.Handle on an emulated board (least of three rounds)",
            "request", "ns / request", "requests", "allocated B / request");
        foreach (var q in p.Requests)
        {
            requests.AddRow(Markup.Escape(q.Request), q.Ns.ToString("0", CultureInfo.InvariantCulture), N(q.Requests), N(q.AllocatedBytesPerRequest));
        }

        ansi.Write(requests);

        var pieces = Table("Per-request pieces, old beside new (same inputs); loop iterations per call are what nanoFramework's interpreter multiplies",
            "piece", "input", "old ns", "new ns", "old ÷ new", "loop iterations old → new", "new");
        foreach (var q in p.Pieces)
        {
            pieces.AddRow(Markup.Escape(q.Piece), Markup.Escape(q.Input), q.OldNs.ToString("0.0", CultureInfo.InvariantCulture), q.NewNs.ToString("0.0", CultureInfo.InvariantCulture), q.Ratio.ToString("0.0", CultureInfo.InvariantCulture) + " ×", $"{q.OldLoopIterations.ToString("0.##", CultureInfo.InvariantCulture)} → {q.NewLoopIterations.ToString("0.##", CultureInfo.InvariantCulture)}", Markup.Escape(q.NewWork));
        }

        ansi.Write(pieces);
    }

    private static Table Table(string title, params string[] columns)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape(title)), Border = TableBorder.Rounded };
        foreach (string c in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(c)));
        }

        return table;
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0", CultureInfo.InvariantCulture);
}
