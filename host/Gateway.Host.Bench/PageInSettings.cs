using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;
using Gateway.Transports.Desktop.Paced;

namespace Gateway.Host.Bench;

/// <summary>What one sequential page-in run is asked to do.</summary>
/// <param name="Baud">The paced line's rate (8N1).</param>
/// <param name="Clock">How the line keeps time (<see cref="LineClockMode.Virtual"/> for deterministic figures).</param>
/// <param name="MaxBody">The frame body the host asks for (the board grants it: its link is configured to).</param>
/// <param name="Window">The window the host asks for (the board grants at most 8).</param>
/// <param name="ObjectBytes">The size of the file paged in (whole pages).</param>
public sealed record PageInSettings(int Baud, LineClockMode Clock, int MaxBody, int Window, int ObjectBytes = PageInBench.DefaultObjectBytes);
