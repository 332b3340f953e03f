using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Host.Board;

/// <summary>One message the host sent: who sent it and the types of its parts (a combine message has several).</summary>
public sealed record SentMessage(int Pid, int Coid, IReadOnlyList<string> Types, BoardReply Reply)
{
    /// <summary>"_IO_LSEEK+_IO_READ" for a combine message.</summary>
    public string Kind => string.Join("+", Types);

    public override string ToString() => $"pid {Pid} coid 0x{Coid:x}: {Kind} → {Reply}";
}

/// <summary>
/// Records every message sent through it (the scenario files' "messages the memory manager sent for the step").
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
        var types = PartTypes(message.Span);
        var reply = await inner.SendAsync(pid, coid, message, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            sent.Add(new SentMessage(pid, coid, types, reply));
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
            int t = bytes.Length >= 2 ? LittleEndian.ReadU16(bytes, 0) : -1;
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
