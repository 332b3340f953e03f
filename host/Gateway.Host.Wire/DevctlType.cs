using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Host.Wire;

/// <summary>
/// <c>struct _io_devctl</c> (16 bytes) and the data after it, as hex in <c>data</c>. <c>nbytes</c> is the larger of
/// the data sizes in and out, so the data sent may be shorter: it is not checked against <c>nbytes</c>.
/// </summary>
public sealed class DevctlType : WireType
{
    private const string CName = "_io_devctl";

    public override string Name => "devctl";

    public override string Summary => "struct _io_devctl (16 bytes) + data";

    public override JsonNode Decode(byte[] bytes, WireOptions options)
    {
        var d = new IoDevctl();
        DecodeError e = d.Decode(bytes, 0, bytes.Length);
        if (e == DecodeError.Truncated)
        {
            throw QnxLayouts.IoDevctl.Truncated(CName, bytes.Length, IoDevctl.Size);
        }

        if (e == DecodeError.WrongType)
        {
            throw WireErrors.WrongType(d.Type, IoMessageType.Devctl);
        }

        if (e != DecodeError.None)
        {
            throw WireErrors.Refused(WireErrors.Input, e, DecodeErrors.Describe(e));
        }

        var root = new JsonObject();
        QnxLayouts.IoDevctl.Emit(d, root);
        root["data"] = HexText.Format(bytes.AsSpan(d.DataOffset, d.DataLength));
        return root;
    }

    public override byte[] Encode(JsonElement json, WireOptions options)
    {
        var reader = new JsonObjectReader(json, "");
        var d = new IoDevctl();
        QnxLayouts.IoDevctl.Read(reader, d);
        byte[] data = reader.RequireHex("data");
        reader.RejectUnknownKeys();
        byte[] b = new byte[IoDevctl.Size + data.Length];
        d.Encode(b, 0);
        QnxLayouts.IoDevctl.PatchHostFields(d, b);
        data.CopyTo(b, IoDevctl.Size);
        return b;
    }
}
