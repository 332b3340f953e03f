using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Host.Wire;

/// <summary><c>struct _io_devctl_reply</c> (16 bytes) and exactly <c>nbytes</c> of data, as hex in <c>data</c>.</summary>
public sealed class DevctlReplyType : WireType
{
    private const string CName = "_io_devctl_reply";

    public override string Name => "devctl-reply";

    public override string Summary => "struct _io_devctl_reply (16 bytes) + nbytes of data";

    public override JsonNode Decode(byte[] bytes, WireOptions options)
    {
        var r = new IoDevctlReply();
        DecodeError e = r.Decode(bytes, 0, bytes.Length);
        if (e == DecodeError.Truncated)
        {
            throw QnxLayouts.IoDevctlReply.Truncated(CName, bytes.Length, IoDevctl.ReplySize);
        }

        if (e == DecodeError.BadLength)
        {
            throw WireErrors.Refused("nbytes", e, $"{r.Nbytes} bytes of data do not follow the 16-byte header ({bytes.Length - IoDevctl.ReplySize} do)");
        }

        if (e != DecodeError.None)
        {
            throw WireErrors.Refused(WireErrors.Input, e, DecodeErrors.Describe(e));
        }

        WireErrors.NoTrailing(CName, bytes.Length, IoDevctl.ReplySize + (int)r.Nbytes);
        var root = new JsonObject();
        QnxLayouts.IoDevctlReply.Emit(r, root);
        root["data"] = HexText.Format(bytes.AsSpan(IoDevctl.ReplySize, (int)r.Nbytes));
        return root;
    }

    public override byte[] Encode(JsonElement json, WireOptions options)
    {
        var reader = new JsonObjectReader(json, "");
        var r = new IoDevctlReply();
        QnxLayouts.IoDevctlReply.Read(reader, r);
        byte[] data = reader.RequireHex("data");
        reader.RejectUnknownKeys();
        if (r.Nbytes != data.Length)
        {
            throw new WireInputException("nbytes", $"{r.Nbytes} does not match data ({data.Length} bytes)");
        }

        byte[] b = new byte[IoDevctl.ReplySize + data.Length];
        r.Encode(b, 0);
        QnxLayouts.IoDevctlReply.PatchHostFields(r, b);
        data.CopyTo(b, IoDevctl.ReplySize);
        return b;
    }
}
