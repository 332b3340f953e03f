using System;
using Gateway.Protocol.Messages;

namespace Gateway.Host.Memory;

/// <summary>
/// The outcome of mmap(): the address, or the errno; and what the board said — the reply bytes, decoded, the
/// stat the memory manager used and where it came from — so the harness can judge the board (behaviour.md §4).
/// Built once, from what the memory manager sent; each later outcome is that record <c>with</c> what it adds.
/// </summary>
public sealed record MmapResult
{
    public int Errno { get; init; }

    public ulong Address { get; init; }

    public bool Ok => Errno == 0;

    /// <summary>The reply body of the (last) <c>_IO_MMAP</c>, or null when none was sent or it was refused.</summary>
    public byte[]? ReplyBytes { get; init; }

    /// <summary>The decoded plain part (always, when a reply came).</summary>
    public IoMmapReply? Reply { get; init; }

    /// <summary>The decoded 184-byte reply, when the reply had 184 bytes.</summary>
    public IoMmapReplyExt? ReplyExt { get; init; }

    /// <summary>The coid the request was sent on, and the one the board returned (MM-6).</summary>
    public int RequestCoid { get; init; }

    public int ReturnedCoid { get; init; }

    /// <summary>The prot and required_prot sent (after MM-3's retry, the retry's).</summary>
    public uint SentProt { get; init; }

    public uint SentRequiredProt { get; init; }

    /// <summary>True when MM-3's retry without PROT_WRITE was made.</summary>
    public bool Retried { get; init; }

    /// <summary>The stat the memory manager used, and whether it came from the extended reply (else a separate <c>_IO_STAT</c>).</summary>
    public Stat? Stat { get; init; }

    public bool StatFromReply { get; init; }

    /// <summary>The form <see cref="Stat"/> came in: the extended reply's, or the one the separate <c>_IO_STAT</c> body's size gave (MM-5).</summary>
    public int StatForm { get; init; }

    /// <summary>The allowed_prot the memory manager took (an old server's 0 becomes the prot it accepted, MM-4).</summary>
    public uint AllowedProt { get; init; }

    /// <summary>Why the board's answer is non-conforming (e.g. allowed ⊉ required, MM-4), or null.</summary>
    public string? NonConformance { get; init; }

    public override string ToString() => Ok ? $"0x{Address:x}" : $"{Protocol.Qnx.Errno.Name(Errno) ?? "errno"} ({Errno})";
}
