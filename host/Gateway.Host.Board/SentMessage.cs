using System.Collections.Generic;

namespace Gateway.Host.Board;

/// <summary>One message the host sent: who sent it, its bytes, the types of its parts (a combine message has several), and the reply.</summary>
public sealed record SentMessage(int Pid, int Coid, byte[] Request, IReadOnlyList<string> Types, BoardReply Reply)
{
    /// <summary>"_IO_LSEEK+_IO_READ" for a combine message.</summary>
    public string Kind => string.Join("+", Types);

    public override string ToString() => $"pid {Pid} coid 0x{Coid:x}: {Kind} → {Reply}";
}
