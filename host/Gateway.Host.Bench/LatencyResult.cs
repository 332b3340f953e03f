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

/// <summary>
/// Small requests over a real transport: the latency of one 4-byte register load through the memory manager
/// (an uncached GPIO mapping: one <c>_IO_READ</c> + <c>_IO_XTYPE_OFFSET</c> each, request to reply), p50 and p99, and
/// requests per second one at a time and with the window full (raw 4-byte reads from the client's fd).
/// </summary>
public sealed record LatencyResult(
    LatencyTransport Transport,
    int Requests,
    int Window,
    double P50Microseconds,
    double P99Microseconds,
    double MeanMicroseconds,
    double SequentialPerSecond,
    double PipelinedPerSecond);
