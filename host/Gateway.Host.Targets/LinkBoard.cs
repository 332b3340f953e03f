using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Host.Board;
using Gateway.Host.Link;

namespace Gateway.Host.Targets;

/// <summary>
/// One board a <see cref="LinkTarget"/> talks to, and the host's count of what it sent it: every session's
/// <see cref="LinkClientCounters"/> from the start of the board's current boot (a reset starts a new count).
/// </summary>
internal sealed class LinkBoard(int index, string uri, BoardTarget target)
{
    /// <summary>The harness's coids for the audit's reads (the harness reader's are 0x30000000…, the MM's 0x40000000…).</summary>
    private const int AuditCoid = 0x38000000;

    private readonly List<Counted> sessions = new();
    private int audits;

    public BoardTarget Target { get; } = target;

    public List<LinkAudit> Audits { get; } = new();

    public void Add(LinkClient client)
    {
        lock (sessions)
        {
            sessions.Add(new Counted(client));
        }
    }

    public SoakBoard Describe()
    {
        var links = Target.FaultyLinks;
        long Sum(Func<Gateway.Host.Targets.Faults.FaultStats, long> f) =>
            links.Sum(l => f(l.HostToBoard.Stats) + f(l.BoardToHost.Stats));
        return new SoakBoard(
            $"board {index} ({uri})",
            uri,
            links.Select(l => l.Seed).ToList(),
            Sum(s => s.Dropped), Sum(s => s.Corrupted), Sum(s => s.Duplicated), Sum(s => s.Reordered), Sum(s => s.Delayed));
    }

    /// <summary>The board's boot is over: later requests count towards the next board.</summary>
    public void Reset()
    {
        lock (sessions)
        {
            foreach (Counted c in sessions)
            {
                c.StartCount();
            }
        }

        Target.ResetEmulatedBoard();
    }

    /// <summary>
    /// Reads /fw/status through <paramref name="client"/> as pid 1 and compares its link counters with the host's.
    /// The board takes the snapshot on the read at offset 0, counting that read and the open before it; the
    /// requests after it (the rest of the reads, the close) are counted by the next audit.
    /// </summary>
    public async Task<LinkAudit> AuditAsync(LinkClient client, string when, CancellationToken ct)
    {
        (long sent, long refused, long declares, long declaresRefused, long retransmits) = Totals();
        int coid = AuditCoid + Interlocked.Increment(ref audits);
        BoardReply open = await client.SendAsync(1, coid, Gateway.Protocol.Desktop.QnxRequests.Connect("fw/status", Gateway.Protocol.Qnx.OpenFlags.ReadOnly), ct).ConfigureAwait(false);
        if (open.IsError)
        {
            throw new System.IO.IOException($"open /fw/status: errno {open.Value}");
        }

        var data = new List<byte>();
        while (true)
        {
            BoardReply r = await client.SendAsync(1, coid, Gateway.Protocol.Desktop.QnxRequests.Read((uint)(client.Board.MaxBody - 64), data.Count), ct).ConfigureAwait(false);
            if (r.IsError)
            {
                throw new System.IO.IOException($"read /fw/status: errno {r.Value}");
            }

            if (r.Body.Length == 0)
            {
                break;
            }

            data.AddRange(r.Body);
        }

        await client.SendAsync(1, coid, Gateway.Protocol.Desktop.QnxRequests.Close(), ct).ConfigureAwait(false);
        JsonNode link = ParseStatus(data.ToArray())["link"] ?? throw new FormatException("/fw/status has no \"link\" object");
        long Counter(string name) => (long?)link[name] ?? throw new FormatException($"/fw/status link has no \"{name}\"");
        const int SnapshotRequests = 2; // the open and the read at offset 0
        return new LinkAudit
        {
            Board = $"board {index} ({uri})",
            When = when,
            BootId = (string?)link["boot_id"] ?? "",
            RequestsSent = sent + SnapshotRequests,
            RequestsRefused = refused,
            DeclaresSent = declares,
            DeclaresRefused = declaresRefused,
            Retransmits = retransmits,
            RequestsApplied = Counter("requests-applied"),
            DeclaresApplied = Counter("declares-applied"),
            DuplicatesAnswered = Counter("duplicates-answered"),
            DuplicatesHeld = Counter("drop-duplicate-held"),
            Stale = Counter("drop-stale"),
            CorruptDropped = Counter("drop-crc") + Counter("drop-header"),
            Sessions = Counter("sessions-opened"),
        };
    }

    private static JsonNode ParseStatus(byte[] bytes)
    {
        try
        {
            return JsonNode.Parse(bytes) ?? throw new FormatException("/fw/status is empty");
        }
        catch (JsonException e)
        {
            throw new FormatException($"/fw/status is not JSON: {e.Message}");
        }
    }

    private (long Sent, long Refused, long Declares, long DeclaresRefused, long Retransmits) Totals()
    {
        lock (sessions)
        {
            long sent = 0, refused = 0, declares = 0, declaresRefused = 0, retransmits = 0;
            foreach (Counted c in sessions)
            {
                LinkClientCounters now = c.Client.Counters;
                sent += now.Requests - c.Requests;
                refused += now.RequestsRefused - c.Refused;
                declares += now.Declares - c.Declares;
                declaresRefused += now.DeclaresRefused - c.DeclaresRefused;
                retransmits += now.Retransmits - c.Retransmits;
            }

            return (sent, refused, declares, declaresRefused, retransmits);
        }
    }

    /// <summary>A session's client and its counts when the board's current boot began (zero for sessions opened since).</summary>
    private sealed class Counted(LinkClient client)
    {
        public LinkClient Client { get; } = client;

        public long Requests { get; private set; }

        public long Refused { get; private set; }

        public long Declares { get; private set; }

        public long DeclaresRefused { get; private set; }

        public long Retransmits { get; private set; }

        public void StartCount()
        {
            LinkClientCounters c = Client.Counters;
            (Requests, Refused, Declares, DeclaresRefused, Retransmits) = (c.Requests, c.RequestsRefused, c.Declares, c.DeclaresRefused, c.Retransmits);
        }
    }
}
