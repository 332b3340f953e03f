using System;
using System.Globalization;
using System.IO;
using Gateway.Board.Emulated;
using Gateway.Protocol.Platform;
using Gateway.InProcess.Fuzz;

namespace Gateway.Benchmarks
{
    /// <summary>
    /// The fuzz driver's long mode: <c>fuzz [--seconds N] [--seed N] [--inputs N] [--hang-seconds N]</c>. Prints the
    /// seed (a random one unless given), progress every 10 s (inputs/s, findings, heap), the summary, and every
    /// failing input as hex. Exit code 0 with no findings, 1 with findings, 2 for bad arguments.
    /// </summary>
    internal static class FuzzCommand
    {
        private static readonly Func<ILog, ResourceManager.ResourceManager>[] Boards =
        {
            log => new EmulatedBoard(new EmulatedBoardOptions { Log = log }).Rm,
            log => new EmulatedBoard(new EmulatedBoardOptions { Is64Bit = false, Quirks = true, Log = log }).Rm,
        };

        public static int Run(string[] args, TextWriter output)
        {
            int seconds = 60;
            int seed = Environment.TickCount & 0x7FFFFFFF;
            long inputs = long.MaxValue;
            int hang = 5;
            for (int i = 0; i < args.Length; i++)
            {
                string value = i + 1 < args.Length ? args[i + 1] : string.Empty;
                bool ok = args[i] switch
                {
                    "--seconds" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out seconds) && seconds > 0,
                    "--seed" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out seed),
                    "--inputs" => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out inputs) && inputs > 0,
                    "--hang-seconds" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out hang) && hang > 0,
                    _ => false,
                };
                if (!ok)
                {
                    output.WriteLine("usage: fuzz [--seconds N (60)] [--seed N (random)] [--inputs N] [--hang-seconds N (5)]");
                    return 2;
                }

                i++;
            }

            output.WriteLine($"fuzz: seed {seed}, {seconds} s, hang budget {hang} s; targets: every message decoder, CombineMessage.Parse, "
                + "ResourceManager.Handle on the emulated board (64-bit; 32-bit with quirks), session end");
            output.WriteLine("(a seeded mutation loop: no coverage-guided fuzzer for .NET is available on this machine)");
            var report = new FuzzRunner(new FuzzOptions
            {
                Seed = seed,
                Duration = TimeSpan.FromSeconds(seconds),
                MaxInputs = inputs,
                HangBudget = TimeSpan.FromSeconds(hang),
                Boards = Boards,
                Progress = line => output.WriteLine(line),
            }).Run();

            output.WriteLine(report.Summary());
            output.WriteLine($"reproduce: dotnet run -c Release --project host/Gateway.Benchmarks -- fuzz --seconds {seconds} --seed {seed}");
            return report.Findings.Count == 0 ? 0 : 1;
        }
    }
}
