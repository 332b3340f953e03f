using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Wire;

namespace Gateway.Host.Wire;

/// <summary>A fixed-size struct: the input must be exactly its size; every member is in its <see cref="StructLayout{T}"/>.</summary>
public sealed class FixedStructType<T> : WireType
{
    private readonly string name;
    private readonly string cName;
    private readonly int size;
    private readonly StructLayout<T> layout;
    private readonly Func<T> create;
    private readonly Func<T, byte[], int, int, DecodeError> decode;
    private readonly Func<T, byte[], int, int> encode;
    private readonly int expectedType;
    private readonly string badValueField;
    private readonly Action<T>? validate;

    public FixedStructType(string name, string cName, int size, StructLayout<T> layout, Func<T> create,
        Func<T, byte[], int, int, DecodeError> decode, Func<T, byte[], int, int> encode,
        int expectedType = -1, string badValueField = "HEX", Action<T>? validate = null)
    {
        this.name = name;
        this.cName = cName;
        this.size = size;
        this.layout = layout;
        this.create = create;
        this.decode = decode;
        this.encode = encode;
        this.expectedType = expectedType;
        this.badValueField = badValueField;
        this.validate = validate;
    }

    public override string Name => name;

    public override string Summary => $"{cName} ({size} bytes)";

    public override JsonNode Decode(byte[] bytes, WireOptions options)
    {
        T codec = DecodeCodec(bytes);
        var root = new JsonObject();
        layout.Emit(codec, root);
        return root;
    }

    /// <summary>Decodes with the board codec and turns every refusal into a <see cref="WireInputException"/>.</summary>
    public T DecodeCodec(byte[] bytes)
    {
        T codec = create();
        DecodeError e = decode(codec, bytes, 0, bytes.Length);
        switch (e)
        {
            case DecodeError.None:
                break;
            case DecodeError.Truncated:
                throw layout.Truncated(cName, bytes.Length, size);
            case DecodeError.WrongType:
                throw WireErrors.WrongType(Codec.PeekType(bytes, 0, bytes.Length), expectedType);
            case DecodeError.BadValue:
                throw WireErrors.Refused(badValueField, e, DecodeErrors.Describe(e));
            default:
                throw WireErrors.Refused(WireErrors.Input, e, DecodeErrors.Describe(e));
        }

        WireErrors.NoTrailing(cName, bytes.Length, size);
        return codec;
    }

    public override byte[] Encode(JsonElement json, WireOptions options)
    {
        var reader = new JsonObjectReader(json, "");
        T codec = create();
        layout.Read(reader, codec);
        reader.RejectUnknownKeys();
        validate?.Invoke(codec);
        byte[] b = new byte[size];
        int written = encode(codec, b, 0);
        if (written != size)
        {
            throw new InvalidOperationException($"{cName}: the codec wrote {written} bytes, expected {size}");
        }

        layout.PatchHostFields(codec, b);
        return b;
    }
}
