using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Host.Targets;

namespace Gateway.Host.Conformance.Runner;

/// <summary>
/// The event frames of one session: those a <c>wait_event</c> did not want are kept for a later one, and the board's
/// running counters of those received tell the events lost on a lossy link from those never raised (behaviour.md §4).
/// </summary>
internal sealed class EventInbox
{
    private readonly List<BoardEvent> pending = new();

    /// <summary>The running counters of the events received in this session, by source.</summary>
    private readonly Dictionary<int, HashSet<long>> received = new();

    /// <summary>
    /// Collects the events <paramref name="matches"/> accepts: those already here, then new ones until
    /// <paramref name="want"/> have come or <paramref name="timeout"/> passes, then any already delivered beyond it.
    /// </summary>
    public async Task<List<BoardEvent>> WaitAsync(ITargetSession session, Func<BoardEvent, bool> matches, ulong want, TimeSpan timeout, CancellationToken ct)
    {
        var got = new List<BoardEvent>();
        got.AddRange(pending.Where(matches));
        pending.RemoveAll(e => matches(e));
        DateTime deadline = DateTime.UtcNow + timeout;
        while ((ulong)got.Count < want)
        {
            TimeSpan left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                break;
            }

            BoardEvent? e = await session.NextEventAsync(left, ct).ConfigureAwait(false);
            if (e is not BoardEvent ev)
            {
                break;
            }

            Take(ev, matches, got);
        }

        // Events already delivered beyond the count are extra (nothing is waited for: they are here or not).
        while (await session.NextEventAsync(TimeSpan.Zero, ct).ConfigureAwait(false) is BoardEvent extra)
        {
            Take(extra, matches, got);
        }

        return got;
    }

    /// <summary>
    /// behaviour.md §4: on a lossy link the host may receive fewer event frames, but only by the gaps it can tell —
    /// here the board's own running counter for the source (/fw/status "events"): of the last <paramref name="want"/>
    /// events it raised, those this session never received were lost on the way (event frames are not retransmitted).
    /// </summary>
    public async Task<long> LostOnTheLinkAsync(HarnessReader reader, int source, long want, CancellationToken ct)
    {
        StatusSnapshot status = await reader.StatusAsync(ct).ConfigureAwait(false);
        JsonNode? entry = status.Json["events"]?.AsArray().FirstOrDefault(e => (long?)e?["source"] == source);
        long raised = (long?)entry?["count"] ?? 0;
        HashSet<long> seen = received.GetValueOrDefault(source) ?? new HashSet<long>();
        long lost = 0;
        for (long k = Math.Max(1, raised - want + 1); k <= raised; k++)
        {
            if (!seen.Contains(k))
            {
                lost++;
            }
        }

        return lost;
    }

    private void Take(BoardEvent e, Func<BoardEvent, bool> matches, List<BoardEvent> got)
    {
        if (!received.TryGetValue(e.Source, out HashSet<long>? counters))
        {
            received[e.Source] = counters = new HashSet<long>();
        }

        counters.Add(e.Counter);
        if (matches(e))
        {
            got.Add(e);
        }
        else
        {
            pending.Add(e);
        }
    }
}
