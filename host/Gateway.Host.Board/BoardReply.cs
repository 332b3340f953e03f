using System;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Protocol.Link;
using Gateway.Protocol.Messages;

namespace Gateway.Host.Board;

/// <summary>
/// A board's answer to one QNX message or declaration — the host's one reply type, from the link client and from
/// every channel: an errno, or a status and a body. Over the link it also carries the reply frame's sequence number
/// and, when the link itself refused the request (not the resource manager), the refusal reason.
/// </summary>
public readonly record struct BoardReply(bool IsError, int Value, byte[] Body)
{
    /// <summary>The errno, or 0 on success.</summary>
    public int Errno => IsError ? Value : 0;

    /// <summary>The reply status (bytes read or written, or 0); meaningless when <see cref="IsError"/>.</summary>
    public int Status => IsError ? 0 : Value;

    /// <summary>The sequence number of the reply frame (over the link), else 0.</summary>
    public uint Seq { get; init; }

    /// <summary>The link's refusal reason when the link refused the request unexecuted, else <see cref="RefusalReason.None"/>.</summary>
    public RefusalReason Reason { get; init; }

    public static BoardReply Error(int errno) => new(true, errno, Array.Empty<byte>());

    public override string ToString() =>
        IsError ? $"{Protocol.Qnx.Errno.Name(Value) ?? "errno"} ({Value})" : $"status {Value}, {Body.Length} bytes";
}
