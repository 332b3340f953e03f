using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Targets;
using Spectre.Console;

namespace Gateway.Cli.Commands;

/// <summary>
/// What <c>conform</c> and <c>run</c> share: the output options (<c>--json</c>, <c>--junit</c>, <c>--quiet</c>,
/// <c>--verbose</c>), running with progress, the per-rule table, failure details, and the exit code.
/// </summary>
public sealed class ConformanceOutput
{
    public ConformanceOutput()
    {
        Json = new Option<string?>("--json") { Description = "Also write the results as JSON to FILE.", HelpName = "FILE" };
        JUnit = new Option<string?>("--junit") { Description = "Also write the results as JUnit XML to FILE.", HelpName = "FILE" };
        Quiet = new Option<bool>("--quiet", "-q") { Description = "Print only failures and the summary line." };
        Verbose = new Option<bool>("--verbose", "-v") { Description = "Also print every scenario's steps and checks." };
        Repeat = new Option<int>("--repeat")
        {
            Description = "Run the scenarios N times over (each time in new sessions; on link+emu: the same boards).",
            HelpName = "N",
            DefaultValueFactory = _ => 1,
        };
        Soak = new Option<bool>("--soak")
        {
            Description = "The fault soak (hardware-docs/performance.md): with a link+emu: target, prove at the end from each board's /fw/status, "
                + "read through a fresh session, that the board applied exactly the requests the host sent (none twice) and answered duplicates from its reply cache.",
        };
    }

    public Option<string?> Json { get; }

    public Option<string?> JUnit { get; }

    public Option<bool> Quiet { get; }

    public Option<bool> Verbose { get; }

    public Option<int> Repeat { get; }

    public Option<bool> Soak { get; }

    public void AddTo(Command command)
    {
        command.Add(Json);
        command.Add(JUnit);
        command.Add(Quiet);
        command.Add(Verbose);
        command.Add(Repeat);
        command.Add(Soak);
    }

    /// <summary>The target of <paramref name="options"/>, its notices (fault seeds, board resets) on standard error even when quiet.</summary>
    public ITarget CreateTarget(CliConsole console, ParseResult parse, TargetOptions options) =>
        options.Create(parse, line => console.Error.WriteLine(line), parse.GetValue(Verbose));

    /// <summary>A Spectre console over the command's output writer (interactive only on a real terminal).</summary>
    public static IAnsiConsole Console(CliConsole console)
    {
        bool terminal = ReferenceEquals(console.Out, System.Console.Out) && !System.Console.IsOutputRedirected;
        IAnsiConsole ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Out),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            ansi.Profile.Width = 132;
        }

        return ansi;
    }

    /// <summary>Runs the scenarios with progress, prints the results, writes the files; returns the exit code.</summary>
    public async Task<int> RunAsync(CliConsole console, string command, ParseResult parse, ITarget target, IReadOnlyList<Scenario> scenarios, CancellationToken ct)
    {
        bool quiet = parse.GetValue(Quiet);
        bool verbose = parse.GetValue(Verbose);
        int repeat = parse.GetValue(Repeat);
        bool soak = parse.GetValue(Soak);
        if (repeat < 1 || (soak && target is not LinkTarget { IsEmulated: true }))
        {
            await target.DisposeAsync().ConfigureAwait(false);
            return console.Fail(command, repeat < 1 ? "--repeat takes N ≥ 1" : $"--soak needs a link+emu: target (e.g. --target \"link+emu:?faults=0.01&seed=1\"), not {target.Uri}", ExitCode.Usage);
        }

        if (repeat > 1)
        {
            scenarios = Enumerable.Range(0, repeat).SelectMany(_ => scenarios).ToList();
        }

        IAnsiConsole ansi = Console(console);
        var runner = new ScenarioRunner(target);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        SuiteResult suite;
        try
        {
            if (!quiet && ansi.Profile.Capabilities.Interactive)
            {
                suite = await ansi.Progress()
                    .AutoClear(true)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
                    .StartAsync(async ctx =>
                    {
                        ProgressTask task = ctx.AddTask($"{command} {target.Uri}", maxValue: scenarios.Count);
                        var progress = new Progress<ScenarioResult>(r =>
                        {
                            task.Increment(1);
                            task.Description = $"{command} {target.Uri}: {Markup.Escape(r.Name)}";
                        });
                        return await runner.RunAllAsync(scenarios, new SyncProgress(r => task.Increment(1)), ct).ConfigureAwait(false);
                    }).ConfigureAwait(false);
            }
            else
            {
                suite = await runner.RunAllAsync(scenarios, null, ct).ConfigureAwait(false);
            }

            if (soak && target is LinkTarget link)
            {
                suite.Soak = await link.AuditAsync(ct).ConfigureAwait(false);
                suite.Soak.Elapsed = clock.Elapsed;
            }
        }
        catch (TargetUnreachableException e)
        {
            int code = console.Fail(command, e.Message, ExitCode.Unreachable);
            Board.ConnectHints.Write(console, e, target.Uri, verbose);
            return code;
        }
        catch (Exception e) when (soak && e is Gateway.Host.Link.LinkException or IOException or FormatException or InvalidOperationException)
        {
            return console.Fail(command, $"the soak's audit of /fw/status failed: {e.Message}", ExitCode.Failure);
        }
        finally
        {
            await target.DisposeAsync().ConfigureAwait(false);
        }

        Print(ansi, console, suite, quiet, verbose);
        if (suite.Soak != null)
        {
            foreach (string line in suite.Soak.Lines())
            {
                console.Out.WriteLine(line);
            }
        }

        try
        {
            if (parse.GetValue(Json) is string json)
            {
                Report.WriteJson(suite, json);
            }

            if (parse.GetValue(JUnit) is string junit)
            {
                Report.WriteJUnit(suite, junit);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return console.Fail(command, $"cannot write the results: {e.Message}", ExitCode.Usage);
        }

        return suite.Ok ? (int)ExitCode.Ok : (int)ExitCode.Failure;
    }

    private sealed class SyncProgress(Action<ScenarioResult> report) : IProgress<ScenarioResult>
    {
        public void Report(ScenarioResult value) => report(value);
    }

    public static void Print(IAnsiConsole ansi, CliConsole console, SuiteResult suite, bool quiet, bool verbose)
    {
        if (!quiet)
        {
            var table = new Table().Title($"Conformance of {Markup.Escape(suite.Target)}").AddColumns("Rule", "Result", "Checks passed", "Failed", "Skipped", "Scenarios");
            foreach (RuleRow row in suite.ByRule())
            {
                string result = row.Outcome switch
                {
                    Outcome.Pass => "[green]pass[/]",
                    Outcome.Fail => "[red]FAIL[/]",
                    _ => "[yellow]skip[/]",
                };
                table.AddRow(Markup.Escape(row.Rule), result, row.Passed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    row.Failed.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Skipped.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    row.Scenarios.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            ansi.Write(table);
            ansi.WriteLine();
            foreach (ScenarioResult s in suite.Scenarios.Where(s => s.Outcome == Outcome.Skip))
            {
                console.Out.WriteLine($"skipped {s.Name}: {s.SkipReason}");
            }
        }

        // A reset (or a lost link) is news even in a quiet run.
        foreach (ScenarioResult s in suite.Scenarios.Where(s => s.Interrupted != null))
        {
            console.Out.WriteLine($"interrupted {s.Name}: {s.Interrupted}");
        }

        if (verbose)
        {
            foreach (ScenarioResult s in suite.Scenarios)
            {
                console.Out.WriteLine($"{s.Name} ({s.File}): {Report.Name(s.Outcome)}{(s.Target != null ? " on " + s.Target : "")}");
                foreach (StepResult step in s.Steps)
                {
                    console.Out.WriteLine($"  step {step.Id} {step.Name} [{string.Join(" ", step.Rules)}]: {Report.Name(step.Outcome)}{(step.Note != null ? " — " + step.Note : "")}");
                    foreach (CheckResult c in step.Checks)
                    {
                        console.Out.WriteLine($"    {(c.Passed ? "ok  " : "FAIL")} {c.Rule} {c.Check}: expected {c.Expected}; observed {c.Observed}");
                    }
                }
            }
        }

        foreach (ScenarioResult s in suite.Scenarios.Where(s => s.Outcome == Outcome.Fail))
        {
            console.Out.Write(quiet ? Report.Quiet(s) : Report.Describe(s));
        }

        console.Out.WriteLine($"{suite.Passed} scenarios passed, {suite.Failed} failed, {suite.Skipped} skipped ({suite.Target})");
    }
}
