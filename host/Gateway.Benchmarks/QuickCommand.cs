using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Gateway.Board.Emulated;
using Gateway.Host.Bench;
using Gateway.InProcess;

namespace Gateway.Benchmarks
{
    /// <summary>
    /// <c>-- quick</c>: the frame path (v1 COBS beside v2) and the per-request path timed with a stopwatch, in seconds
    /// rather than BenchmarkDotNet's minutes (which cannot even build its boilerplate within its timeout on a loaded
    /// 2-core machine). Means over a time budget after a warm-up; run it twice and compare before trusting a digit.
    /// </summary>
    internal static class QuickCommand
    {
        public static int Run(TextWriter o)
        {
            o.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
            o.WriteLine("frame path (µs per frame, one chunk)");
            o.WriteLine("| body | data | codec | wire B | encode µs | decode µs |");
            o.WriteLine("|---:|---|---|---:|---:|---:|");
            foreach (FramePathResult r in FramePathResult.MeasureAll(300))
            {
                o.WriteLine($"| {r.Body:N0} | {r.Data} | {r.Codec} | {r.WireBytes:N0} | {F(r.EncodeUs)} | {F(r.DecodeUs)} |");
            }

            var s = new SteadyStateRequests(new EmulatedBoard().Rm);
            o.WriteLine("per-request path (ns per request through ResourceManager.Handle)");
            o.WriteLine("| request | ns |");
            o.WriteLine("|---|---:|");
            o.WriteLine($"| _IO_MMAP -> ext reply (184 B) | {Ns(s.SendMmap)} |");
            o.WriteLine($"| page-in: lseek+read 4096 B | {Ns(s.SendPageIn)} |");
            o.WriteLine($"| EPERM: undeclared pid | {Ns(s.SendUndeclaredPid)} |");
            o.WriteLine($"| register store | {Ns(s.SendRegisterStore)} |");
            o.WriteLine($"| register load | {Ns(s.SendRegisterLoad)} |");
            return 0;
        }

        private static string F(double us) => us.ToString("0.00", CultureInfo.InvariantCulture);

        private static string Ns(Action op)
        {
            for (int i = 0; i < 2000; i++)
            {
                op();
            }

            long n = 0;
            var sw = Stopwatch.StartNew();
            while (sw.ElapsedMilliseconds < 500)
            {
                for (int i = 0; i < 100; i++)
                {
                    op();
                }

                n += 100;
            }

            return (sw.Elapsed.TotalMilliseconds * 1e6 / n).ToString("0", CultureInfo.InvariantCulture);
        }
    }
}
