using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Link;
using Gateway.Host.Memory;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Host.Bench;

/// <summary>
/// The bulk read itself, over a session already open (whatever carries it): for each pattern, <c>/data/bulk.bin</c>
/// is created (O_TRUNC) and written with the pattern (not measured), read as a warm-up (whole passes), then read with
/// plain <c>_IO_READ</c>s of <see cref="PtyBulkSettings.ReadBytes"/> from the client's fd — the fd's own position, an
/// <c>_IO_LSEEK</c> back to 0 at the end of the file — until the total is read. Every reply is checked: its status
/// and length are the read's, its bytes the file's. Nothing here depends on the link version, so the same sequence
/// measures the link before and after (performance.md §1.1).
/// </summary>
public static class BulkRead
{
    public const string Path = "data/bulk.bin";

    /// <summary>The file's bytes for <paramref name="pattern"/> (the random pattern is seeded: every run writes the same file).</summary>
    public static byte[] Content(BulkPattern pattern, int length)
    {
        var bytes = new byte[length];
        if (pattern == BulkPattern.Random)
        {
            new Random(20261204).NextBytes(bytes);
        }

        return bytes;
    }

    public static async Task<IReadOnlyList<PtyBulkResult>> RunAsync(
        LinkClient client, ClientProcess root, CountingStream wire, PtyBulkSettings settings, CancellationToken cancellationToken = default)
    {
        settings.Validate();
        if (settings.ReadBytes + LinkLimits.MessageHeadroom > client.Board.MaxBody)
        {
            throw new BenchException($"a {settings.ReadBytes}-byte read does not fit the negotiated frame body of {client.Board.MaxBody}");
        }

        var results = new List<PtyBulkResult>();
        foreach (var pattern in settings.Patterns)
        {
            results.Add(await RunAsync(client, root, wire, settings, pattern, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private static async Task<PtyBulkResult> RunAsync(
        LinkClient client, ClientProcess root, CountingStream wire, PtyBulkSettings settings, BulkPattern pattern, CancellationToken cancellationToken)
    {
        byte[] content = Content(pattern, settings.FileBytes);
        int fd = await CreateAsync(root, content).ConfigureAwait(false);
        byte[] read = Read((uint)settings.ReadBytes);
        byte[] rewind = Lseek(0, Whence.Set);
        int position = 0;
        long readsSent = 0, bytesRead = 0, bytesChecked = 0;

        async Task<bool> NextAsync()
        {
            bool rewound = false;
            if (position == content.Length)
            {
                var r = await client.SendAsync(root.Pid, fd, rewind, cancellationToken).ConfigureAwait(false);
                if (r.IsError)
                {
                    throw new BenchException($"lseek of /{Path} to 0 failed: {r}");
                }

                position = 0;
                rewound = true;
            }

            return rewound;
        }

        async Task ReadAsync()
        {
            var r = await client.SendAsync(root.Pid, fd, read, cancellationToken).ConfigureAwait(false);
            readsSent++;
            ReadOnlyMemory<byte> body = r.Body; // (a byte[] now, a ReadOnlyMemory before link v2: the same code measures both)
            if (r.IsError || r.Value != settings.ReadBytes || body.Length != settings.ReadBytes)
            {
                throw new BenchException($"the {settings.ReadBytes}-byte read of /{Path} at {position} gave {r}");
            }

            bytesRead += body.Length;
            if (!body.Span.SequenceEqual(content.AsSpan(position, body.Length)))
            {
                throw new BenchException($"the {settings.ReadBytes}-byte read of /{Path} at {position} came back with other bytes than the file's");
            }

            bytesChecked += body.Length;
            position += body.Length;
        }

        // Warm-up: whole passes of the file, at least once through (the JIT's tiers, the board's first touches, the pty's buffers).
        for (long warm = 0; warm < Math.Max(settings.WarmUpBytes, 1) || position < content.Length; warm += settings.ReadBytes)
        {
            await NextAsync().ConfigureAwait(false);
            await ReadAsync().ConfigureAwait(false);
        }

        long reads = settings.TotalBytes / settings.ReadBytes;
        var samples = new double[reads];
        long lseeks = 0;
        readsSent = bytesRead = bytesChecked = 0;
        long up0 = wire.BytesWritten, down0 = wire.BytesRead, pieces0 = wire.Reads, rt0 = client.Counters.Retransmits;
        long start = Stopwatch.GetTimestamp();
        for (long i = 0; i < reads; i++)
        {
            if (await NextAsync().ConfigureAwait(false))
            {
                lseeks++;
            }

            long t0 = Stopwatch.GetTimestamp();
            await ReadAsync().ConfigureAwait(false);
            samples[i] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
        }

        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        long up = wire.BytesWritten - up0, down = wire.BytesRead - down0, pieces = wire.Reads - pieces0;
        var closed = await root.CloseAsync(fd).ConfigureAwait(false);
        if (!closed.Ok)
        {
            throw new BenchException($"close of /{Path} failed: {closed}");
        }

        Array.Sort(samples);
        return new PtyBulkResult(
            settings.Transport,
            pattern,
            content.Length,
            settings.ReadBytes,
            client.Board.MaxBody,
            readsSent,
            lseeks,
            bytesRead,
            bytesChecked,
            up,
            down,
            pieces,
            client.Counters.Retransmits - rt0,
            seconds,
            samples.Average(),
            LatencyBench.Percentile(samples, 0.50),
            LatencyBench.Percentile(samples, 0.99));
    }

    /// <summary>Creates the file with <paramref name="content"/> (writes of whole pages sized to the frame) and returns its O_RDWR fd.</summary>
    private static async Task<int> CreateAsync(ClientProcess root, byte[] content)
    {
        var open = await root.OpenAsync(Path, OpenFlags.ReadWrite | OpenFlags.Creat | OpenFlags.Trunc, 0x1A4).ConfigureAwait(false);
        if (!open.Ok)
        {
            throw new BenchException($"could not create /{Path}: {open}");
        }

        int fd = (int)open.Value;
        const int chunk = 16 << 10;
        for (int offset = 0; offset < content.Length; offset += chunk)
        {
            int n = Math.Min(chunk, content.Length - offset);
            var w = await root.WriteAsync(fd, content.AsMemory(offset, n), offset).ConfigureAwait(false);
            if (!w.Ok || w.Value != n)
            {
                throw new BenchException($"writing /{Path} at {offset} gave {w} (/data's quota per session is 45 KiB on the emulated board)");
            }
        }

        return fd;
    }
}
