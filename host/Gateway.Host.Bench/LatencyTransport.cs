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

/// <summary>The real transports the latency is measured over.</summary>
public enum LatencyTransport
{
    /// <summary>A pseudo-terminal pair: the board on the master, the host's termios serial stream on the slave.</summary>
    Pty,

    /// <summary>TCP over 127.0.0.1: the board's listener, the host's socket (Nagle off both ways).</summary>
    Tcp,
}
