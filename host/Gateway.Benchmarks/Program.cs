using System;
using BenchmarkDotNet.Running;

namespace Gateway.Benchmarks
{
    /// <summary>
    /// <c>dotnet run -c Release --project host/Gateway.Benchmarks -- --filter '*'</c> runs the benchmarks
    /// (BenchmarkDotNet's own options follow <c>--</c>); <c>-- fuzz [--seconds N] [--seed N]</c> runs the fuzz
    /// driver's long mode; <c>-- ptybulk [MiB]</c> runs only gateway bench's bulk read over a pty; <c>-- quick</c> times the frame and per-request paths with a stopwatch. hardware-docs/performance.md has both.
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "quick")
            {
                return QuickCommand.Run(Console.Out);
            }

            if (args.Length > 0 && args[0] == "ptybulk")
            {
                return PtyBulkCommand.Run(args[1..], Console.Out);
            }

            if (args.Length > 0 && args[0] == "fuzz")
            {
                return FuzzCommand.Run(args[1..], Console.Out);
            }

            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
            return 0;
        }
    }
}
