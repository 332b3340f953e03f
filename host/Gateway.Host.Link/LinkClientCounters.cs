using System.Threading;

namespace Gateway.Host.Link;

/// <summary>What the host side of the link saw (thread-safe reads).</summary>
public sealed class LinkClientCounters
{
    private long bytesIn;
    private long framesIn;
    private long framesOut;
    private long frameDrops;
    private long retransmits;
    private long lateReplies;
    private long eventsReceived;
    private long eventsLost;
    private long staleEvents;
    private long pings;
    private long requests;
    private long declares;
    private long requestsRefused;
    private long declaresRefused;

    /// <summary>Bytes read from the stream, frames or not (line noise too): what tells a silent line from a garbled one.</summary>
    public long BytesIn => Interlocked.Read(ref bytesIn);

    public long FramesIn => Interlocked.Read(ref framesIn);

    public long FramesOut => Interlocked.Read(ref framesOut);

    /// <summary>Frames the host's decoder dropped (CRC, COBS, oversize, short, version).</summary>
    public long FrameDrops => Interlocked.Read(ref frameDrops);

    /// <summary>Requests sent again with the same sequence number.</summary>
    public long Retransmits => Interlocked.Read(ref retransmits);

    /// <summary>Replies for a sequence number no longer waiting (duplicates, answers to retransmissions): ignored.</summary>
    public long LateReplies => Interlocked.Read(ref lateReplies);

    public long EventsReceived => Interlocked.Read(ref eventsReceived);

    /// <summary>Events known lost from gaps in the per-source counters.</summary>
    public long EventsLost => Interlocked.Read(ref eventsLost);

    /// <summary>Events whose counter was not newer than the last seen of the source (duplicates): ignored.</summary>
    public long StaleEvents => Interlocked.Read(ref staleEvents);

    public long Pings => Interlocked.Read(ref pings);

    /// <summary>
    /// REQUEST frames of this session: sequence numbers given to a request (each written at least once unless the
    /// session ended first; retransmissions are not counted again). The board counts the ones it executed as
    /// <c>requests-applied</c>.
    /// </summary>
    public long Requests => Interlocked.Read(ref requests);

    /// <summary>DECLARE frames of this session, counted as <see cref="Requests"/> is (the board: <c>declares-applied</c>).</summary>
    public long Declares => Interlocked.Read(ref declares);

    /// <summary>
    /// Requests answered by a link refusal that means "not executed" (an undeclared pid; "not authenticated", after
    /// which the session is over): not in the board's <c>requests-applied</c>. (A handler fault is executed, and counted.)
    /// </summary>
    public long RequestsRefused => Interlocked.Read(ref requestsRefused);

    /// <summary>Declares answered "not authenticated" (the board no longer knows the session): not in <c>declares-applied</c>.</summary>
    public long DeclaresRefused => Interlocked.Read(ref declaresRefused);

    internal void BytesRead(int count) => Interlocked.Add(ref bytesIn, count);

    internal void FrameIn() => Interlocked.Increment(ref framesIn);

    internal void FrameOut() => Interlocked.Increment(ref framesOut);

    internal void FrameDrop() => Interlocked.Increment(ref frameDrops);

    internal void Retransmit() => Interlocked.Increment(ref retransmits);

    internal void LateReply() => Interlocked.Increment(ref lateReplies);

    internal void EventReceived(long lost)
    {
        Interlocked.Increment(ref eventsReceived);
        Interlocked.Add(ref eventsLost, lost);
    }

    internal void StaleEvent() => Interlocked.Increment(ref staleEvents);

    internal void Ping() => Interlocked.Increment(ref pings);

    internal void Sequenced(bool declare) => Interlocked.Increment(ref declare ? ref declares : ref requests);

    internal void Unexecuted(bool declare) => Interlocked.Increment(ref declare ? ref declaresRefused : ref requestsRefused);

    public override string ToString() =>
        $"requests {Requests} ({RequestsRefused} refused), declares {Declares} ({DeclaresRefused} refused); frames in {FramesIn}, out {FramesOut}, dropped {FrameDrops}; retransmits {Retransmits}, late replies {LateReplies}; events {EventsReceived}, lost {EventsLost}, stale {StaleEvents}; pings {Pings}";
}
