using System.Collections.Generic;
using System.CommandLine;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Targets;

namespace Gateway.Cli.Commands;

/// <summary>
/// <c>gateway run SCENARIO.json…</c>: runs scenario files (the format of hardware-docs/scenarios.md) against a
/// target, with the same outputs and exit codes as <c>conform</c>. A malformed file is a usage error (exit 2)
/// naming the file, the step and the field.
/// </summary>
public static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var target = new TargetOptions();
        var output = new ConformanceOutput();
        var files = new Argument<string[]>("SCENARIO")
        {
            Description = "Scenario files (one scenario, or a suite file with \"scenarios\"), run in the order given.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("run", "Run scenario files against a board and judge every reply as behaviour.md §4 says.") { files };
        target.AddTo(command);
        output.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var scenarios = new List<Scenario>();
            try
            {
                foreach (string file in parse.GetValue(files) ?? System.Array.Empty<string>())
                {
                    scenarios.AddRange(ScenarioFile.LoadAll(file));
                }
            }
            catch (ScenarioFormatException e)
            {
                return console.Fail("run", e.Message, ExitCode.Usage);
            }

            ITarget t;
            try
            {
                t = output.CreateTarget(console, parse, target);
            }
            catch (TargetException e) when (e.IsUsageError)
            {
                return console.Fail("run", e.Message, ExitCode.Usage);
            }

            return await output.RunAsync(console, "run", parse, t, scenarios, ct).ConfigureAwait(false);
        });
        return command;
    }
}
