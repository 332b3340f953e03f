using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;
using Gateway.Transports.Desktop.Paced;

namespace Gateway.Host.Bench;

/// <summary>
/// The figures of one run: wire bytes both ways as the line counted them, the payload, the messages the memory
/// manager sent, and the time the line's clock says it took (from the mmap to the munmap, both included).
/// </summary>
public sealed record PageInResult(
    PageInSettings Settings,
    int NegotiatedBody,
    int NegotiatedWindow,
    long PayloadBytes,
    long HostToBoardBytes,
    long BoardToHostBytes,
    int Messages,
    int PageIns,
    int PagesPerPageIn,
    long Retransmits,
    double Seconds)
{
    /// <summary>Wire bytes (both directions) ÷ payload bytes (performance.md §2: ≤ 1.02 at the largest frame).</summary>
    public double Efficiency => (double)(HostToBoardBytes + BoardToHostBytes) / PayloadBytes;

    public double BytesPerSecond => PayloadBytes / Seconds;

    /// <summary>Payload throughput as a fraction of the line's payload limit, baud / 10 bytes/s (§6: ≥ 0.90 at 921,600).</summary>
    public double LineFraction => BytesPerSecond / (Settings.Baud / 10.0);
}
