using Gateway.Protocol.Messages;
using Gateway.Protocol.Wire;

namespace Gateway.Host.Wire;

/// <summary>
/// The <c>_IO_LSEEK</c> reply: one u64, the new offset (<c>io_lseek_t.o</c>; printed as <c>offset</c>). A holder
/// for the static <see cref="IoLseek.DecodeReply"/>/<see cref="IoLseek.EncodeReply"/> codec.
/// </summary>
public sealed class LseekReply
{
    public long Offset;

    public static readonly StructLayout<LseekReply> Layout = new StructLayout<LseekReply>()
        .Add("offset", 0, WireKind.U64, r => (ulong)r.Offset, (r, v) => r.Offset = unchecked((long)(ulong)v));

    public DecodeError Decode(byte[] b, int o, int count)
    {
        return IoLseek.DecodeReply(b, o, count, out Offset);
    }

    public int Encode(byte[] b, int o)
    {
        return IoLseek.EncodeReply(b, o, Offset);
    }
}
