using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Protocol.Qnx;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Host.Conformance.Runner;

/// <summary>
/// The harness's own reads of the board (/fw/info, /fw/map, /fw/status, separate stats): sent as pid 1 (root)
/// on coids from <see cref="FirstCoid"/> upward — a range the memory manager never uses — straight on the
/// session's channel, so they never count among a step's messages. Each read opens, reads to the end and closes.
/// </summary>
public sealed class HarnessReader(IBoardChannel channel)
{
    /// <summary>The first coid of the harness's range (below the memory manager's 0x40000000).</summary>
    public const int FirstCoid = 0x30000000;

    private int nextCoid = FirstCoid;

    public IBoardChannel Channel => channel;

    /// <summary>Reads a whole file; throws <see cref="IOException"/> naming the errno when the board refuses.</summary>
    public async Task<byte[]> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        int coid = Interlocked.Increment(ref nextCoid);
        BoardReply open = await channel.SendAsync(1, coid, Connect(path.TrimStart('/'), OpenFlags.ReadOnly), cancellationToken).ConfigureAwait(false);
        if (open.IsError)
        {
            throw new IOException($"open {path}: {Errno.Name(open.Value) ?? "errno"} ({open.Value})");
        }

        try
        {
            var data = new List<byte>();
            int chunk = Math.Max(512, channel.MaxMessageSize - 64);
            while (true)
            {
                BoardReply r = await channel.SendAsync(1, coid, Read((uint)chunk, data.Count), cancellationToken).ConfigureAwait(false);
                if (r.IsError)
                {
                    throw new IOException($"read {path}: {Errno.Name(r.Value) ?? "errno"} ({r.Value})");
                }

                if (r.Body.Length == 0)
                {
                    return data.ToArray();
                }

                data.AddRange(r.Body);
            }
        }
        finally
        {
            await channel.SendAsync(1, coid, Close(), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<StatusSnapshot> StatusAsync(CancellationToken cancellationToken = default)
    {
        byte[] bytes = await ReadFileAsync("/fw/status", cancellationToken).ConfigureAwait(false);
        return new StatusSnapshot(BoardFacts.ParseJson(bytes, "/fw/status"));
    }

    public async Task<BoardFacts> FactsAsync(CancellationToken cancellationToken = default)
    {
        JsonNode info = BoardFacts.ParseJson(await ReadFileAsync("/fw/info", cancellationToken).ConfigureAwait(false), "/fw/info");
        JsonNode map = BoardFacts.ParseJson(await ReadFileAsync("/fw/map", cancellationToken).ConfigureAwait(false), "/fw/map");
        return new BoardFacts(info, map);
    }
}
