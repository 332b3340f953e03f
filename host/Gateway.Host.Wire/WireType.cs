using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Host.Wire;

/// <summary>
/// One <c>gateway wire --type</c>: a QNX struct (or message) mapped between its bytes and JSON whose keys are the
/// C member paths. Decoding and encoding of the bytes is done by the board codecs of Gateway.Protocol.
/// </summary>
public abstract class WireType
{
    /// <summary>The <c>--type</c> name, e.g. <c>mmap-request</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The QNX struct and its size, for <c>--help</c> and errors, e.g. <c>struct _io_mmap (88 bytes)</c>.</summary>
    public abstract string Summary { get; }

    /// <summary>True for the bare stat, whose form is not in its bytes and comes from <c>--form</c>.</summary>
    public virtual bool NeedsForm => false;

    /// <summary>Decodes exactly <paramref name="bytes"/>; throws <see cref="WireInputException"/> on any refusal.</summary>
    public abstract JsonNode Decode(byte[] bytes, WireOptions options);

    /// <summary>Encodes the JSON <c>wire decode</c> printed; throws <see cref="WireInputException"/> on any refusal.</summary>
    public abstract byte[] Encode(JsonElement json, WireOptions options);
}
