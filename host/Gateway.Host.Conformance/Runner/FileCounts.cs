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

/// <summary>A file's counts in /fw/status.</summary>
public sealed record FileCounts(long Open, long Read, long Write, long ExecLocks, long MappingOcbs)
{
    public override string ToString() => $"open {Open}, read {Read}, write {Write}, exec_locks {ExecLocks}, mapping_ocbs {MappingOcbs}";
}
