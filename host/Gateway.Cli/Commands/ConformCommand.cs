using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using Gateway.Host.Conformance;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Targets;

namespace Gateway.Cli.Commands;

/// <summary>
/// <c>gateway conform</c>: the built-in conformance suite (every RM and MM rule at its edges, behaviour.md §4's
/// reply checks, quirks, 32-bit mode, device checks) against a target — by default an emulated board this
/// process starts. Prints a per-rule table; exit 0 when everything passes, 1 on any failure, 2 usage, 3 unreachable.
/// </summary>
public static class ConformCommand
{
    public static Command Create(CliConsole console)
    {
        var target = new TargetOptions();
        var output = new ConformanceOutput();
        var only = new Option<string[]>("--only")
        {
            Description = "Run only scenarios whose name, area or cited rules match one of these (e.g. --only RM-13 --only quirks).",
            HelpName = "TEXT",
            AllowMultipleArgumentsPerToken = true,
        };
        var list = new Option<bool>("--list") { Description = "List the suite's scenarios (file, name, rules) and exit." };
        var command = new Command("conform", "Run the built-in conformance suite against a board (default: an emulated board started in this process) and print a per-rule table.");
        target.AddTo(command);
        output.AddTo(command);
        command.Add(only);
        command.Add(list);
        command.SetAction(async (parse, ct) =>
        {
            IReadOnlyList<Scenario> suite;
            try
            {
                suite = BuiltInSuite.Load();
            }
            catch (ScenarioFormatException e)
            {
                return console.Fail("conform", e.Message, ExitCode.Usage);
            }

            string[] filters = parse.GetValue(only) ?? Array.Empty<string>();
            if (filters.Length > 0)
            {
                suite = suite.Where(s => filters.Any(f => Matches(s, f))).ToList();
                if (suite.Count == 0)
                {
                    return console.Fail("conform", $"no scenario matches {string.Join(", ", filters)}", ExitCode.Usage);
                }
            }

            if (parse.GetValue(list))
            {
                foreach (Scenario s in suite)
                {
                    console.Out.WriteLine($"{s.File,-28} {s.Name,-40} {string.Join(" ", s.AllRules)}");
                }

                return (int)ExitCode.Ok;
            }

            ITarget t;
            try
            {
                t = output.CreateTarget(console, parse, target);
            }
            catch (TargetException e) when (e.IsUsageError)
            {
                return console.Fail("conform", e.Message, ExitCode.Usage);
            }

            return await output.RunAsync(console, "conform", parse, t, suite, ct).ConfigureAwait(false);
        });
        return command;
    }

    private static bool Matches(Scenario s, string filter) =>
        s.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)
        || string.Equals(s.Area, filter, StringComparison.OrdinalIgnoreCase)
        || s.AllRules.Any(r => string.Equals(r, filter, StringComparison.OrdinalIgnoreCase));
}
