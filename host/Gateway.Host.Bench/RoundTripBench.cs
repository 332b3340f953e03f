using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;

namespace Gateway.Host.Bench;

/// <summary>
/// Round trips per mmap (extended reply: one; plain 24-byte reply, /data/notes.txt: a second for <c>_IO_STAT</c>)
/// and per page-in (one combine <c>_IO_LSEEK</c>+<c>_IO_READ</c>), counted with <see cref="Board.TracingChannel"/>
/// over the real link (in-memory transport).
/// </summary>
public static class RoundTripBench
{
    public static async Task<IReadOnlyList<RoundTripResult>> RunAsync(CancellationToken cancellationToken = default)
    {
        var board = BenchRig.CreateBoard();
        await using var rig = await BenchRig.ConnectAsync(board, board.ConnectInMemory(), BenchRig.LinkOptions(LinkLimits.DesktopBody, 8), cancellationToken).ConfigureAwait(false);
        var results = new List<RoundTripResult>();

        int app = await OpenAsync(rig, "data/app").ConfigureAwait(false);
        ulong appAddress = 0;
        results.Add(await MeasureAsync(rig, "mmap, extended reply (/data/app)", async () =>
        {
            var m = await rig.Root.MmapAsync(0, 8192, Prot.Read, MapFlags.Shared, app, 0).ConfigureAwait(false);
            appAddress = m.Ok ? m.Address : throw new BenchException($"mmap /data/app: {m}");
            return m.ReplyBytes?.Length;
        }).ConfigureAwait(false));

        results.Add(await MeasureAsync(rig, "page-in of one frame (/data/app, 2 pages)", async () =>
        {
            var load = await rig.Root.LoadAsync(appAddress, 8).ConfigureAwait(false);
            return load.Ok ? null : throw new BenchException($"load /data/app: {load}");
        }).ConfigureAwait(false));

        results.Add(await MeasureAsync(rig, "load from a page already in (/data/app)", async () =>
        {
            var load = await rig.Root.LoadAsync(appAddress + 4096, 8).ConfigureAwait(false);
            return load.Ok ? null : throw new BenchException($"load /data/app: {load}");
        }).ConfigureAwait(false));

        int notes = await OpenAsync(rig, "data/notes.txt").ConfigureAwait(false);
        results.Add(await MeasureAsync(rig, "mmap, plain reply (/data/notes.txt)", async () =>
        {
            var m = await rig.Root.MmapAsync(0, 1024, Prot.Read, MapFlags.Shared, notes, 0).ConfigureAwait(false);
            return m.Ok ? m.ReplyBytes?.Length : throw new BenchException($"mmap /data/notes.txt: {m}");
        }).ConfigureAwait(false));

        return results;
    }

    private static async Task<int> OpenAsync(BenchRig rig, string path)
    {
        var fd = await rig.Root.OpenAsync(path, OpenFlags.ReadOnly).ConfigureAwait(false);
        return fd.Ok ? (int)fd.Value : throw new BenchException($"open /{path}: {fd}");
    }

    private static async Task<RoundTripResult> MeasureAsync(BenchRig rig, string operation, System.Func<Task<int?>> step)
    {
        int mark = rig.Trace.Count;
        long frames = rig.Client.Counters.FramesOut;
        int? replyBytes = await step().ConfigureAwait(false);
        var sent = rig.Trace.Since(mark);
        return new RoundTripResult(operation, sent.Count, sent.Select(m => m.Kind).ToList(), rig.Client.Counters.FramesOut - frames, replyBytes);
    }
}
