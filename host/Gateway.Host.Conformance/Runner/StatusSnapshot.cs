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

/// <summary>One read of /fw/status: the JSON and the per-file counts.</summary>
public sealed class StatusSnapshot(JsonNode json)
{
    public JsonNode Json { get; } = json;

    public IReadOnlyDictionary<string, FileCounts> Files { get; } = (json["files"]?.AsArray() ?? new JsonArray())
        .Where(f => f?["path"] != null)
        .ToDictionary(
            f => (string)f!["path"]!,
            f => new FileCounts((long?)f!["open"] ?? 0, (long?)f["read"] ?? 0, (long?)f["write"] ?? 0, (long?)f["exec_locks"] ?? 0, (long?)f["mapping_ocbs"] ?? 0),
            StringComparer.Ordinal);

    /// <summary>The files whose counts differ from <paramref name="before"/>, as "path: before → after".</summary>
    public IReadOnlyList<string> ChangesSince(StatusSnapshot before)
    {
        var changes = new List<string>();
        foreach (var (path, now) in Files)
        {
            FileCounts? then = before.Files.GetValueOrDefault(path);
            if (then != now)
            {
                changes.Add($"{path}: {(then?.ToString() ?? "(absent)")} → {now}");
            }
        }

        foreach (string gone in before.Files.Keys.Where(p => !Files.ContainsKey(p)))
        {
            changes.Add($"{gone}: gone");
        }

        return changes;
    }
}
