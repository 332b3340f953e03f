using System;
using System.Globalization;
using System.IO;
using Gateway.Host.Bench;

namespace Gateway.Benchmarks
{
    /// <summary>
    /// <c>-- quick</c>: the frame path (v1 COBS beside v2), the per-request path and its pieces old beside new, timed
    /// with a stopwatch by the same routines as <c>gateway bench</c> (Gateway.Host.Bench), in seconds rather than
    /// BenchmarkDotNet's minutes. Run it twice and compare before trusting a digit.
    /// </summary>
    internal static class QuickCommand
    {
        public static int Run(TextWriter o)
        {
            o.WriteLine($"machine: {MachineInfo.Current()}");
            o.WriteLine("frame path (µs per frame, one chunk)");
            o.WriteLine("| body | data | codec | wire B | encode µs | decode µs |");
            o.WriteLine("|---:|---|---|---:|---:|---:|");
            foreach (FramePathResult r in FramePathResult.MeasureAll(300))
            {
                o.WriteLine($"| {r.Body:N0} | {r.Data} | {r.Codec} | {r.WireBytes:N0} | {F(r.EncodeUs, "0.00")} | {F(r.DecodeUs, "0.00")} |");
            }

            var perRequest = PerRequestReport.Measure(500);
            o.WriteLine("per-request path (ns per request through ResourceManager.Handle, least of three rounds)");
            o.WriteLine("| request | ns | allocated B / request |");
            o.WriteLine("|---|---:|---:|");
            foreach (RequestPathResult r in perRequest.Requests)
            {
                o.WriteLine($"| {r.Request} | {F(r.Ns, "0")} | {r.AllocatedBytesPerRequest} |");
            }

            o.WriteLine("per-request pieces, old beside new");
            o.WriteLine("| piece | input | old ns | new ns | old ÷ new | loop iterations old → new |");
            o.WriteLine("|---|---|---:|---:|---:|---|");
            foreach (RequestPieceResult r in perRequest.Pieces)
            {
                o.WriteLine($"| {r.Piece} | {r.Input} | {F(r.OldNs, "0.0")} | {F(r.NewNs, "0.0")} | {F(r.Ratio, "0.0")} | {F(r.OldLoopIterations, "0.##")} → {F(r.NewLoopIterations, "0.##")} |");
            }

            return 0;
        }

        private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
    }
}
