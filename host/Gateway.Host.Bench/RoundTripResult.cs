using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;

namespace Gateway.Host.Bench;

/// <summary>One operation's cost in messages: how many QNX messages (= link round trips) and of which types.</summary>
/// <param name="Operation">What was done.</param>
/// <param name="Messages">QNX messages the host sent for it (each one request frame and one reply frame).</param>
/// <param name="Kinds">Their types, combine parts joined by '+'.</param>
/// <param name="RequestFrames">Request frames the link client wrote for it (retransmissions would show here).</param>
/// <param name="ReplyBytes">The size of the mmap reply, where there is one.</param>
public sealed record RoundTripResult(string Operation, int Messages, IReadOnlyList<string> Kinds, long RequestFrames, int? ReplyBytes);
