using System;
using System.Globalization;
using System.IO;
using Gateway.Host.Bench;

namespace Gateway.Benchmarks
{
    /// <summary>
    /// <c>-- ptybulk [MiB] [pty|pty-ports|tcp|in-process ...] [random|zero ...]</c>: only the bulk read of
    /// <c>gateway bench</c> (default 32 MiB per pattern, random then all-zero, over the pty, TCP and in process; the
    /// patterns run in the order given, in one session), one markdown row per run, for alternating runs against
    /// another build (hardware-docs/performance.md §1.1 has the recipe for the link-v1 side).
    /// </summary>
    internal static class PtyBulkCommand
    {
        public static int Run(string[] args, TextWriter o)
        {
            long mib = 32;
            var transports = new System.Collections.Generic.List<BulkReadTransport>();
            var patterns = new System.Collections.Generic.List<BulkPattern>();
            foreach (string a in args)
            {
                if (long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n > 0)
                {
                    mib = n;
                }
                else if (a switch { "pty" => BulkReadTransport.Pty, "pty-ports" => BulkReadTransport.PtyPorts, "tcp" => BulkReadTransport.Tcp, "in-process" => BulkReadTransport.InProcess, _ => (BulkReadTransport?)null } is { } t)
                {
                    transports.Add(t);
                }
                else if (a is "random" or "zero")
                {
                    patterns.Add(a == "random" ? BulkPattern.Random : BulkPattern.Zero);
                }
                else
                {
                    Console.Error.WriteLine($"ptybulk: '{a}' is neither a size in MiB, pty, pty-ports, tcp, in-process, random nor zero");
                    return 2;
                }
            }

            if (transports.Count == 0)
            {
                transports.AddRange(new[] { BulkReadTransport.Pty, BulkReadTransport.Tcp, BulkReadTransport.InProcess });
            }

            o.WriteLine("| transport | data | MiB | MiB/s | mean µs | p50 µs | p99 µs | host→board B | board→host B | wire ÷ payload | pieces / reply | retransmits |");
            o.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var transport in transports)
            {
                var settings = new PtyBulkSettings { Transport = transport, TotalBytes = mib << 20 };
                if (patterns.Count > 0)
                {
                    settings = settings with { Patterns = patterns };
                }

                foreach (var r in PtyBulkRead.RunAsync(settings).GetAwaiter().GetResult())
                {
                    o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {r.Transport} | {r.Pattern} | {r.BytesRead >> 20} | {r.MiBPerSecond:0.0} | {r.MeanMicroseconds:0} | {r.P50Microseconds:0} | {r.P99Microseconds:0} | {r.HostToBoardBytes} | {r.BoardToHostBytes} | {r.WirePerPayload:0.0000} | {r.PiecesPerReply:0.0} | {r.Retransmits} |"));
                }
            }

            return 0;
        }
    }
}
