using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;
using Gateway.Transports.Desktop.Pty;
using Gateway.Transports.Desktop.Serial;
using Gateway.Transports.Desktop.Tcp;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Host.Bench;

public static class LatencyBench
{
    public static async Task<LatencyResult> RunAsync(LatencyTransport transport, int requests, CancellationToken cancellationToken = default)
    {
        if (requests < 10)
        {
            throw new ArgumentOutOfRangeException(nameof(requests), "at least 10 requests");
        }

        await using var rig = await ConnectAsync(transport, cancellationToken).ConfigureAwait(false);
        var fd = await rig.Root.OpenAsync("dev/gpio/bank0", OpenFlags.ReadWrite).ConfigureAwait(false);
        var map = fd.Ok ? await rig.Root.MmapAsync(0, 4096, Prot.Read | Prot.Write, MapFlags.Shared, (int)fd.Value, 0).ConfigureAwait(false) : null;
        if (map is not { Ok: true })
        {
            throw new BenchException($"could not map /dev/gpio/bank0 ({fd}, {map})");
        }

        for (int i = 0; i < Math.Min(100, requests); i++)
        {
            await LoadAsync(rig, map.Address).ConfigureAwait(false);
        }

        var samples = new double[requests];
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < requests; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            await LoadAsync(rig, map.Address).ConfigureAwait(false);
            samples[i] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
        }

        double sequential = requests / Stopwatch.GetElapsedTime(start).TotalSeconds;

        // The window full: as many raw reads in flight as the board grants.
        int window = rig.Client.Board.Window;
        byte[] read = Read(4, 0);
        int next = 0;
        long pipelinedStart = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, window).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= requests)
            {
                var r = await rig.Client.SendAsync(rig.Root.Pid, (int)fd.Value, read, cancellationToken).ConfigureAwait(false);
                if (r.IsError)
                {
                    throw new BenchException($"a pipelined read failed: errno {r.Errno}");
                }
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        double pipelined = requests / Stopwatch.GetElapsedTime(pipelinedStart).TotalSeconds;

        Array.Sort(samples);
        return new LatencyResult(transport, requests, window, Percentile(samples, 0.50), Percentile(samples, 0.99), samples.Average(), sequential, pipelined);
    }

    /// <summary>The nearest-rank percentile of sorted samples.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        int rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private static async Task LoadAsync(BenchRig rig, ulong address)
    {
        var r = await rig.Root.LoadAsync(address, 4).ConfigureAwait(false);
        if (!r.Ok)
        {
            throw new BenchException($"a register load failed: {r}");
        }
    }

    private static async Task<BenchRig> ConnectAsync(LatencyTransport transport, CancellationToken cancellationToken)
    {
        var board = BenchRig.CreateBoard();
        var options = BenchRig.LinkOptions(LinkLimits.DesktopBody, 8);
        if (transport == LatencyTransport.Pty)
        {
            var pty = PseudoTerminal.Open(holdSlaveOpen: true);
            board.ServeInBackground(pty.Master, "bench-board-pty", line: true);
            var host = SerialPortStream.Open(pty.SlavePath, new SerialSettings { BaudRate = 3_000_000 });
            return (await BenchRig.ConnectAsync(board, host, options, cancellationToken).ConfigureAwait(false)).Own(pty);
        }

        var listener = new TcpBoardListener(new IPEndPoint(IPAddress.Loopback, 0));
        var serving = new Thread(() =>
        {
            var stream = listener.Accept(30_000);
            if (stream != null)
            {
                board.Serve(stream);
            }
        }) { IsBackground = true, Name = "bench-board-tcp" };
        serving.Start();
        var socket = await TcpTransport.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, cancellationToken).ConfigureAwait(false);
        return (await BenchRig.ConnectAsync(board, socket, options, cancellationToken).ConfigureAwait(false)).Own(listener);
    }
}
