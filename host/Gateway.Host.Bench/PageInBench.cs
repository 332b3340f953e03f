using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;
using Gateway.Transports.Desktop.Paced;

namespace Gateway.Host.Bench;

/// <summary>
/// Sequential page-in of a file through the memory manager over a paced serial line (issue 7: link efficiency and
/// throughput). The board is the emulated board with a larger /data; the object is <c>/data/bench.bin</c>, written
/// first (not measured) with a known pattern, then mapped MAP_SHARED read-only and read page after page as a
/// program streaming through a mapping would; every page's bytes are checked. Each fault pages in as much as one
/// frame carries (read-ahead, MM-7). Measured: the mmap, every page-in, the munmap and the close of the mapping coid.
/// </summary>
public static class PageInBench
{
    public const int DefaultObjectBytes = 1 << 20;
    public const string Path = "data/bench.bin";
    private const int PageSize = 4096;

    /// <summary>Prepares (board, session, object) and measures one run.</summary>
    public static async Task<PageInResult> RunAsync(PageInSettings settings, CancellationToken cancellationToken = default)
    {
        await using var run = await PrepareAsync(settings, cancellationToken).ConfigureAwait(false);
        return await run.MeasureAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The part that is not measured: the board on a paced line, an authenticated session, the object written.
    /// <see cref="PreparedPageIn.MeasureAsync"/> then pages it in (once per preparation).
    /// </summary>
    public static async Task<PreparedPageIn> PrepareAsync(PageInSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.ObjectBytes <= 0 || settings.ObjectBytes % PageSize != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), "the object must be whole pages");
        }

        var rig = await BenchRig.OverPacedLineAsync(settings.Baud, settings.Clock, settings.MaxBody, settings.Window, cancellationToken).ConfigureAwait(false);
        try
        {
            int fd = await CreateObjectAsync(rig, settings.ObjectBytes).ConfigureAwait(false);
            return new PreparedPageIn(settings, rig, fd);
        }
        catch
        {
            await rig.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The measured part: mmap, every page loaded and checked, munmap (which closes the mapping coid).</summary>
    internal static async Task<PageInResult> MeasureAsync(PageInSettings settings, BenchRig rig, int fd)
    {
        var line = rig.Line!;
        var root = rig.Root;
        long up0 = line.HostToBoardBytes, down0 = line.BoardToHostBytes, t0 = line.HostClock, rt0 = rig.Client.Counters.Retransmits;
        int mark = rig.Trace.Count;

        var map = await root.MmapAsync(0, (ulong)settings.ObjectBytes, Prot.Read, MapFlags.Shared, fd, 0).ConfigureAwait(false);
        if (!map.Ok)
        {
            throw new BenchException($"mmap of /{Path} failed: {map}");
        }

        for (int offset = 0; offset < settings.ObjectBytes; offset += PageSize)
        {
            var page = await root.LoadBytesAsync(map.Address + (ulong)offset, PageSize).ConfigureAwait(false);
            if (!page.Ok || !Pattern(offset, PageSize).AsSpan().SequenceEqual(page.Bytes))
            {
                throw new BenchException($"the page at offset {offset} of /{Path} came back wrong ({page})");
            }
        }

        var unmapped = await root.MunmapAsync(map.Address, (ulong)settings.ObjectBytes).ConfigureAwait(false);
        if (!unmapped.Ok)
        {
            throw new BenchException($"munmap failed: {unmapped}");
        }

        long t1 = line.HostClock;
        var sent = rig.Trace.Since(mark);
        int pageIns = sent.Count(m => m.Kind == "_IO_LSEEK+_IO_READ");
        return new PageInResult(
            settings,
            rig.Client.Board.MaxBody,
            rig.Client.Board.Window,
            settings.ObjectBytes,
            line.HostToBoardBytes - up0,
            line.BoardToHostBytes - down0,
            sent.Count,
            pageIns,
            rig.Client.Board.MaxBody / PageSize,
            rig.Client.Counters.Retransmits - rt0,
            line.Seconds(t1 - t0));
    }

    /// <summary>The byte at <paramref name="offset"/> of the object: a pattern no page repeats.</summary>
    public static byte[] Pattern(int offset, int count)
    {
        var bytes = new byte[count];
        for (int i = 0; i < count; i++)
        {
            int at = offset + i;
            bytes[i] = (byte)((at * 31) ^ (at >> 12));
        }

        return bytes;
    }

    /// <summary>Creates /data/bench.bin with the pattern (writes sized to the frame) and returns an O_RDWR fd on it.</summary>
    private static async Task<int> CreateObjectAsync(BenchRig rig, int size)
    {
        var root = rig.Root;
        var open = await root.OpenAsync(Path, OpenFlags.ReadWrite | OpenFlags.Creat | OpenFlags.Trunc, 0x1A4).ConfigureAwait(false);
        if (!open.Ok)
        {
            throw new BenchException($"could not create /{Path}: {open}");
        }

        int fd = (int)open.Value;
        int chunk = (rig.Client.Board.MaxBody - LinkLimits.MessageHeadroom) / PageSize * PageSize;
        for (int offset = 0; offset < size; offset += chunk)
        {
            int n = Math.Min(chunk, size - offset);
            var w = await root.WriteAsync(fd, Pattern(offset, n), offset).ConfigureAwait(false);
            if (!w.Ok || w.Value != n)
            {
                throw new BenchException($"writing /{Path} at {offset} gave {w} (is /data large enough?)");
            }
        }

        return fd;
    }
}
