using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Protocol.Messages;

namespace Gateway.Host.Conformance.Runner;

/// <summary>
/// The channel a scenario runs on: the memory manager and the raw steps send through it, and it records every
/// message with the one recorder (<see cref="TracingChannel"/>; the harness's own reads go to the session's channel
/// and are not recorded). It also lets a scenario's <c>declare</c> step see the board's own answer: a pid declared
/// by the step is answered 0 when the memory manager declares it again to create its process.
/// </summary>
public sealed class ScenarioChannel(IBoardChannel session) : IBoardChannel
{
    private readonly TracingChannel trace = new(session);
    private readonly HashSet<int> predeclared = new();
    private readonly object gate = new();

    public int MaxMessageSize => session.MaxMessageSize;

    /// <summary>The session's channel, for the harness's own reads (never recorded).</summary>
    public IBoardChannel Inner => session;

    /// <summary>Messages sent so far.</summary>
    public int Count => trace.Count;

    /// <summary>The messages sent since <paramref name="mark"/> (a <see cref="Count"/> taken earlier).</summary>
    public IReadOnlyList<SentMessage> Since(int mark) => trace.Since(mark);

    public Task<BoardReply> SendAsync(int pid, int coid, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default) =>
        trace.SendAsync(pid, coid, message, cancellationToken);

    /// <summary>Declares a pid on the board directly and returns the board's errno.</summary>
    public async Task<int> DeclareDirectAsync(int pid, CredInfo cred, bool is64Bit, CancellationToken cancellationToken = default)
    {
        int e = await session.DeclareProcessAsync(pid, cred, is64Bit, cancellationToken).ConfigureAwait(false);
        if (e == 0)
        {
            lock (gate)
            {
                predeclared.Add(pid);
            }
        }

        return e;
    }

    public Task<int> DeclareProcessAsync(int pid, CredInfo cred, bool is64Bit, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (predeclared.Remove(pid))
            {
                return Task.FromResult(0);
            }
        }

        return session.DeclareProcessAsync(pid, cred, is64Bit, cancellationToken);
    }
}
