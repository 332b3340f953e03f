using System;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Protocol.Link;
using Gateway.Protocol.Messages;

namespace Gateway.Host.Board;

/// <summary>
/// The host's way to a board: sends one QNX message from a (pid, coid) of this session and returns the reply.
/// Implemented over the link (<see cref="LinkChannel"/>) and, for tests and benchmarks of host code alone, in
/// process (<see cref="DirectChannel"/>). Every implementation carries whole messages only: a message never
/// spans frames, so <see cref="MaxMessageSize"/> bounds both requests and reply bodies.
/// </summary>
public interface IBoardChannel
{
    /// <summary>The largest QNX message (request, or reply body) one frame carries; at least one 4096-byte page plus headers.</summary>
    int MaxMessageSize { get; }

    /// <summary>Sends a message from (<paramref name="pid"/>, <paramref name="coid"/>) and waits for its reply.</summary>
    Task<BoardReply> SendAsync(int pid, int coid, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default);

    /// <summary>Declares a host process in this session (rules.md §0); returns the board's errno (0 = declared).</summary>
    Task<int> DeclareProcessAsync(int pid, CredInfo cred, bool is64Bit, CancellationToken cancellationToken = default);
}
