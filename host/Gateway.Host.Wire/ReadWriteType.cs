using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Host.Wire;

/// <summary>
/// <c>struct _io_read</c> and <c>struct _io_write</c> (16 bytes), with <c>xtype_offset.offset</c> (the
/// <c>struct _xtype_offset</c> after the header) when <c>xtype &amp; 0xFF</c> is <c>_IO_XTYPE_OFFSET</c>; a write's
/// <c>data</c> prints as hex and must be <c>nbytes</c> long.
/// </summary>
public sealed class ReadWriteType<T> : WireType
    where T : IoReadWriteHeader
{
    private readonly string name;
    private readonly string cName;
    private readonly ushort type;
    private readonly string typeName;
    private readonly Func<T> create;
    private readonly bool hasData;

    private ReadWriteType(string name, string cName, ushort type, string typeName, Func<T> create, bool hasData)
    {
        this.name = name;
        this.cName = cName;
        this.type = type;
        this.typeName = typeName;
        this.create = create;
        this.hasData = hasData;
    }

    public static ReadWriteType<IoRead> Read()
    {
        return new ReadWriteType<IoRead>("read", "_io_read", IoMessageType.Read, "_IO_READ", () => new IoRead(), false);
    }

    public static ReadWriteType<IoWrite> Write()
    {
        return new ReadWriteType<IoWrite>("write", "_io_write", IoMessageType.Write, "_IO_WRITE", () => new IoWrite(), true);
    }

    public override string Name => name;

    public override string Summary => $"struct {cName} (16 bytes, 24 with _IO_XTYPE_OFFSET){(hasData ? " + nbytes of data" : "")}";

    private DecodeError DecodeCodec(T m, byte[] b)
    {
        return m is IoWrite w ? w.Decode(b, 0, b.Length) : ((IoRead)(object)m).Decode(b, 0, b.Length);
    }

    public override JsonNode Decode(byte[] bytes, WireOptions options)
    {
        T m = create();
        DecodeError e = DecodeCodec(m, bytes);
        switch (e)
        {
            case DecodeError.None:
                break;
            case DecodeError.Truncated:
                bool withOffset = bytes.Length >= IoReadWriteHeader.Size && m.HasOffset;
                throw QnxLayouts.ReadWrite<T>(type, typeName, withOffset).Truncated(cName, bytes.Length, withOffset ? IoReadWriteHeader.SizeWithOffset : IoReadWriteHeader.Size);
            case DecodeError.WrongType:
                throw WireErrors.WrongType(m.Type, type);
            case DecodeError.BadLength:
                throw WireErrors.Refused("nbytes", e, $"{m.Nbytes} bytes of data do not follow the {m.HeaderSize}-byte header ({bytes.Length - m.HeaderSize} do)");
            default:
                throw WireErrors.Refused(WireErrors.Input, e, DecodeErrors.Describe(e));
        }

        int end = m.HeaderSize + (hasData ? (int)m.Nbytes : 0);
        WireErrors.NoTrailing(cName, bytes.Length, end);
        var root = new JsonObject();
        QnxLayouts.ReadWrite<T>(type, typeName, m.HasOffset).Emit(m, root);
        if (hasData)
        {
            root["data"] = HexText.Format(bytes.AsSpan(m.HeaderSize, (int)m.Nbytes));
        }

        return root;
    }

    public override byte[] Encode(JsonElement json, WireOptions options)
    {
        var reader = new JsonObjectReader(json, "");
        uint xtype = (uint)reader.Integer("xtype", WireKind.U32);
        bool withOffset = (xtype & XType.Mask) == XType.Offset;
        T m = create();
        StructLayout<T> layout = QnxLayouts.ReadWrite<T>(type, typeName, withOffset);
        layout.Read(reader, m);
        byte[] data = hasData ? reader.RequireHex("data") : Array.Empty<byte>();
        reader.RejectUnknownKeys();
        if (hasData && m.Nbytes != data.Length)
        {
            throw new WireInputException("nbytes", $"{m.Nbytes} does not match data ({data.Length} bytes)");
        }

        byte[] b = new byte[m.HeaderSize + data.Length];
        int written = m is IoWrite w ? w.Encode(b, 0, data, 0) : ((IoRead)(object)m).Encode(b, 0);
        if (written != b.Length)
        {
            throw new InvalidOperationException($"{cName}: the codec wrote {written} bytes, expected {b.Length}");
        }

        layout.PatchHostFields(m, b);
        return b;
    }
}
