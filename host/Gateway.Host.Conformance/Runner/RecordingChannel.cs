using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Protocol.Messages;

namespace Gateway.Host.Conformance.Runner;

/// <summary>One message as the runner saw it: sender, the request bytes, and the board's reply.</summary>
public sealed record RecordedMessage(int Pid, int Coid, byte[] Request, IReadOnlyList<string> Types, BoardReply Reply)
{
    public string Kind => string.Join("+", Types);
}

/// <summary>
/// Sits under the memory manager's <see cref="TracingChannel"/> and keeps each request's bytes (the reply checks
/// need the <c>_IO_MMAP</c>'s <c>required_prot</c> and the client it named). It also lets a scenario's
/// <c>declare</c> step see the board's own answer: a pid declared by the step is answered 0 when the memory
/// manager declares it again to create its process.
/// </summary>
public sealed class RecordingChannel(IBoardChannel inner) : IBoardChannel
{
    private readonly List<RecordedMessage> sent = new();
    private readonly HashSet<int> predeclared = new();
    private readonly object gate = new();

    public int MaxMessageSize => inner.MaxMessageSize;

    /// <summary>The session's channel, for the harness's own reads (never recorded).</summary>
    public IBoardChannel Inner => inner;

    public int Count
    {
        get
        {
            lock (gate)
            {
                return sent.Count;
            }
        }
    }

    public IReadOnlyList<RecordedMessage> Since(int mark)
    {
        lock (gate)
        {
            return sent.Skip(mark).ToList();
        }
    }

    public async Task<BoardReply> SendAsync(int pid, int coid, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        byte[] bytes = message.ToArray();
        IReadOnlyList<string> types = TracingChannel.PartTypes(bytes);
        BoardReply reply = await inner.SendAsync(pid, coid, message, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            sent.Add(new RecordedMessage(pid, coid, bytes, types, reply));
        }

        return reply;
    }

    /// <summary>Declares a pid on the board directly and returns the board's errno.</summary>
    public async Task<int> DeclareDirectAsync(int pid, CredInfo cred, bool is64Bit, CancellationToken cancellationToken = default)
    {
        int e = await inner.DeclareProcessAsync(pid, cred, is64Bit, cancellationToken).ConfigureAwait(false);
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

        return inner.DeclareProcessAsync(pid, cred, is64Bit, cancellationToken);
    }
}
