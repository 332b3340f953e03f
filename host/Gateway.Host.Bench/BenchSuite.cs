using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Protocol.Link;
using Gateway.Transports.Desktop.Paced;

namespace Gateway.Host.Bench;

/// <summary>
/// The measurements of issue 7 in one place, shared by <c>gateway bench</c> and the tests: link efficiency over
/// frame sizes, round trips, sequential page-in throughput over a paced line per baud rate and window, and latency
/// over a pseudo-terminal and TCP loopback; then the budgets of performance.md judged on them.
/// </summary>
public static class BenchSuite
{
    /// <summary>The rates of issue 7 (8N1).</summary>
    public static readonly int[] BaudRates = { 115_200, 921_600, 3_000_000 };

    /// <summary>The budget's rate: ≥ 90 % of 92,160 bytes/s at 921,600 baud.</summary>
    public const int BudgetBaud = 921_600;

    public const double EfficiencyBudget = 1.02;
    public const double ThroughputBudget = 0.90;

    /// <summary>
    /// Frame bodies measured: the link's floor (one page + 256; 256 B frames are below what the link may negotiate),
    /// two pages, the emulated board's 16 KiB + 256, and in the full run 64 KiB + 256 on a board configured for it.
    /// </summary>
    public static int[] Bodies(bool full) => full
        ? new[] { LinkLimits.MinBody, (2 * LinkLimits.PageSize) + LinkLimits.MessageHeadroom, LinkLimits.DesktopBody, (16 * LinkLimits.PageSize) + LinkLimits.MessageHeadroom }
        : new[] { LinkLimits.MinBody, LinkLimits.DesktopBody };

    public static async Task<BenchReport> RunAsync(BenchOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var progress = options.Progress ?? (_ => { });

        var efficiency = new List<PageInResult>();
        foreach (int body in Bodies(options.Full))
        {
            progress($"link efficiency: sequential page-in of 1 MiB, frame body {body}");
            efficiency.Add(await PageInBench.RunAsync(new PageInSettings(3_000_000, LineClockMode.Virtual, body, 8), cancellationToken).ConfigureAwait(false));
        }

        progress("round trips: mmap (extended and plain reply), page-in");
        var roundTrips = await RoundTripBench.RunAsync(cancellationToken).ConfigureAwait(false);

        var throughput = new List<PageInResult>();
        foreach (int baud in options.Full ? BaudRates : new[] { BudgetBaud })
        {
            foreach (int window in new[] { 1, 8 })
            {
                progress($"throughput: {baud:N0} baud, window {window}, {options.Clock} clock");
                throughput.Add(await PageInBench.RunAsync(new PageInSettings(baud, options.Clock, LinkLimits.DesktopBody, window), cancellationToken).ConfigureAwait(false));
            }
        }

        var latency = new List<LatencyResult>();
        int requests = options.LatencyRequests ?? (options.Full ? 5000 : 1000);
        foreach (var transport in new[] { LatencyTransport.Pty, LatencyTransport.PtyPorts, LatencyTransport.Tcp })
        {
            if (transport is LatencyTransport.Pty or LatencyTransport.PtyPorts && !OperatingSystem.IsLinux())
            {
                progress("latency: pseudo-terminals are Linux-only here; skipped");
                continue;
            }

            progress($"latency: {requests} small requests over {transport}");
            latency.Add(await LatencyBench.RunAsync(transport, requests, cancellationToken).ConfigureAwait(false));
        }

        progress("frame path: encode and decode, link v1 (COBS) beside v2");
        var framePath = FramePathResult.MeasureAll(options.Full ? 500 : 150);

        progress("per-request path: steady-state requests through the resource manager; pieces old beside new");
        var perRequest = PerRequestReport.Measure(options.Full ? 600 : 240);
        var bulkRead = await BulkReadAsync(options.Full, progress, cancellationToken).ConfigureAwait(false);
        return new BenchReport(MachineInfo.Current(), options.Full, options.Clock.ToString(), efficiency, roundTrips, throughput, latency, Judge(efficiency, roundTrips, throughput), framePath, bulkRead, perRequest);
    }

    /// <summary>
    /// The bulk read over a pty (issue 10), then over TCP loopback and in process for where its time goes: 8 MiB per
    /// pattern (32 MiB full); System.IO.Ports, which polls every millisecond, an eighth of that.
    /// </summary>
    private static async Task<List<PtyBulkResult>> BulkReadAsync(bool full, Action<string> progress, CancellationToken cancellationToken)
    {
        var results = new List<PtyBulkResult>();
        long total = (full ? 32L : 8L) << 20;
        foreach (var transport in new[] { BulkReadTransport.Pty, BulkReadTransport.PtyPorts, BulkReadTransport.Tcp, BulkReadTransport.InProcess })
        {
            if (transport is BulkReadTransport.Pty or BulkReadTransport.PtyPorts && !OperatingSystem.IsLinux())
            {
                progress("bulk read: pseudo-terminals are Linux-only here; skipped");
                continue;
            }

            long bytes = transport == BulkReadTransport.PtyPorts ? total / 8 : total;
            progress($"bulk read: 16 KiB reads of a 32 KiB /data file, {bytes >> 20} MiB per pattern, over {transport}");
            results.AddRange(await PtyBulkRead.RunAsync(new PtyBulkSettings { Transport = transport, TotalBytes = bytes }, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>The budgets of performance.md that these figures decide.</summary>
    public static IReadOnlyList<BudgetCheck> Judge(IReadOnlyList<PageInResult> efficiency, IReadOnlyList<RoundTripResult> roundTrips, IReadOnlyList<PageInResult> throughput)
    {
        var checks = new List<BudgetCheck>();
        if (efficiency.Count > 0)
        {
            var largest = efficiency.MaxBy(r => r.NegotiatedBody)!;
            checks.Add(new BudgetCheck(
                $"link efficiency, 1 MiB page-in at the largest frame (body {largest.NegotiatedBody})",
                F(largest.Efficiency, "0.0000"),
                "≤ " + F(EfficiencyBudget, "0.00"),
                largest.Efficiency <= EfficiencyBudget));
        }

        foreach (var r in roundTrips.Where(r => r.Operation.StartsWith("mmap, extended", StringComparison.Ordinal) || r.Operation.StartsWith("page-in", StringComparison.Ordinal)))
        {
            checks.Add(new BudgetCheck($"round trips: {r.Operation}", r.Messages.ToString(CultureInfo.InvariantCulture), "= 1", r.Messages == 1 && r.RequestFrames == 1));
        }

        foreach (var r in throughput.Where(r => r.Settings.Baud == BudgetBaud))
        {
            checks.Add(new BudgetCheck(
                $"sequential page-in at {BudgetBaud:N0} baud, window {r.NegotiatedWindow}",
                F(r.LineFraction * 100, "0.0") + " %",
                "≥ " + F(ThroughputBudget * 100, "0") + " %",
                r.LineFraction >= ThroughputBudget));
        }

        return checks;
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
