using System;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;

namespace Gateway.Host.Link;

/// <summary>
/// The board's answer to one request or declaration: a QNX reply status (≥ 0) and body, or an errno. A refusal by
/// the link itself (not the resource manager) carries a <see cref="RefusalReason"/> in <see cref="Reason"/>.
/// </summary>
public readonly record struct LinkReply(uint Seq, bool IsError, int Value, int Reason, ReadOnlyMemory<byte> Body)
{
    /// <summary>The errno, or 0 (EOK) on success.</summary>
    public int Errno => IsError ? Value : 0;

    /// <summary>The reply status (bytes read or written, or 0); meaningless when <see cref="IsError"/>.</summary>
    public int Status => IsError ? 0 : Value;

    public override string ToString() => IsError
        ? $"seq {Seq}: {Gateway.Protocol.Qnx.Errno.Name(Value) ?? "errno"} ({Value}){(Reason != 0 ? ", link: " + RefusalReason.Name(Reason) : "")}"
        : $"seq {Seq}: status {Value}, {Body.Length} body bytes";
}
