using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Host.Board;

/// <summary>
/// The host's one recorder: keeps every message sent through it — sender, request bytes, part types, the board's
/// reply (the scenario files' "messages the memory manager sent for the step", the reply checks of behaviour.md §4,
/// round-trip counts in benchmarks and tests).
/// </summary>
public sealed class TracingChannel(IBoardChannel inner) : IBoardChannel
{
    private readonly List<SentMessage> sent = new();
    private readonly object gate = new();

    public int MaxMessageSize => inner.MaxMessageSize;

    public IBoardChannel Inner => inner;

    /// <summary>Messages sent so far.</summary>
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

    /// <summary>The messages sent since <paramref name="mark"/> (a <see cref="Count"/> taken earlier).</summary>
    public IReadOnlyList<SentMessage> Since(int mark)
    {
        lock (gate)
        {
            return sent.Skip(mark).ToList();
        }
    }

    public async Task<BoardReply> SendAsync(int pid, int coid, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        byte[] request = message.ToArray();
        var types = PartTypes(request);
        var reply = await inner.SendAsync(pid, coid, message, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            sent.Add(new SentMessage(pid, coid, request, types, reply));
        }

        return reply;
    }

    public Task<int> DeclareProcessAsync(int pid, CredInfo cred, bool is64Bit, CancellationToken cancellationToken = default) =>
        inner.DeclareProcessAsync(pid, cred, is64Bit, cancellationToken);

    /// <summary>The C names of a message's parts, following combine_len as the board does.</summary>
    public static IReadOnlyList<string> PartTypes(ReadOnlySpan<byte> m)
    {
        var bytes = m.ToArray();
        var parts = new CombineMessage();
        if (parts.Parse(bytes, 0, bytes.Length) != DecodeError.None)
        {
            int t = Codec.PeekType(bytes, 0, bytes.Length);
            return new[] { IoMessageType.Name(t) ?? $"0x{t:x}" };
        }

        var names = new List<string>();
        for (int i = 0; i < parts.PartCount; i++)
        {
            names.Add(IoMessageType.Name(parts.PartType[i]) ?? $"0x{parts.PartType[i]:x}");
        }

        return names;
    }
}
