using System;
using Gateway.Protocol.Messages;

namespace Gateway.Host.Memory;

/// <summary>
/// The outcome of a load or store through a mapping: the value or bytes, or the typed fault (SIGSEGV, or SIGBUS
/// with the board's errno when the board refused the access).
/// </summary>
public readonly record struct MemoryAccess(Signal Signal, int Errno, ulong Value, byte[]? Bytes)
{
    public bool Ok => Signal == Signal.None;

    public static MemoryAccess Segv() => new(Signal.Segv, 0, 0, null);

    public static MemoryAccess Bus(int errno) => new(Signal.Bus, errno, 0, null);

    public override string ToString() => Signal switch
    {
        Signal.None => Bytes != null ? $"{Bytes.Length} bytes" : $"0x{Value:x}",
        Signal.Segv => "SIGSEGV",
        _ => Errno == 0 ? "SIGBUS" : $"SIGBUS ({Protocol.Qnx.Errno.Name(Errno) ?? Errno.ToString()})",
    };
}
