using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Host.Wire;

/// <summary>
/// <c>struct _io_connect</c> + path (+ the attached message of COMBINE/COMBINE_CLOSE). The path prints as the JSON
/// string <c>path</c> (UTF-8; a path that is not UTF-8 is refused), the attached message as hex in <c>extra</c>.
/// Encode checks <c>path_len</c> (the path's bytes + NUL) and <c>extra_len</c> against them. The padding between
/// the path and the attached message is not printed and is encoded as zero.
/// </summary>
public sealed class ConnectType : WireType
{
    private const string CName = "_io_connect";
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public override string Name => "connect";

    public override string Summary => "struct _io_connect (40 bytes) + path + NUL (+ padding to 8 and extra_len bytes)";

    public override JsonNode Decode(byte[] bytes, WireOptions options)
    {
        var c = new IoConnect();
        DecodeError e = c.Decode(bytes, 0, bytes.Length);
        switch (e)
        {
            case DecodeError.None:
                break;
            case DecodeError.Truncated:
                throw QnxLayouts.IoConnect.Truncated(CName, bytes.Length, IoConnect.HeaderSize);
            case DecodeError.WrongType:
                throw WireErrors.WrongType(c.Type, IoMessageType.Connect);
            case DecodeError.BadLength:
                if (c.PathLen == 0 || IoConnect.OffPath + c.PathLen > bytes.Length)
                {
                    throw WireErrors.Refused("path_len", e, $"{c.PathLen} (with the NUL) {(c.PathLen == 0 ? "leaves no room for the NUL" : $"runs past the end: the path starts at 40 and the input is {bytes.Length} bytes")}");
                }

                throw WireErrors.Refused("extra_len", e, $"{c.ExtraLen} bytes from offset {IoConnect.ExtraStart(c.PathLen)} run past the end of the {bytes.Length}-byte input");
            case DecodeError.BadPath:
                throw WireErrors.Refused("path", e, $"no NUL at path_len - 1 (offset {IoConnect.OffPath + c.PathLen - 1}) or a NUL inside the path");
            default:
                throw WireErrors.Refused(WireErrors.Input, e, DecodeErrors.Describe(e));
        }

        string path;
        try
        {
            path = StrictUtf8.GetString(bytes, c.PathOffset, c.PathLength);
        }
        catch (DecoderFallbackException)
        {
            throw new WireInputException("path", "is not valid UTF-8");
        }

        int end = c.ExtraLen > 0 ? IoConnect.ExtraStart(c.PathLen) + c.ExtraLen : IoConnect.OffPath + c.PathLen;
        WireErrors.NoTrailing(CName, bytes.Length, end);
        var root = new JsonObject();
        QnxLayouts.IoConnect.Emit(c, root);
        root["path"] = path;
        root["extra"] = c.ExtraLen > 0 ? HexText.Format(bytes.AsSpan(c.ExtraOffset, c.ExtraLen)) : "";
        return root;
    }

    public override byte[] Encode(JsonElement json, WireOptions options)
    {
        var reader = new JsonObjectReader(json, "");
        var c = new IoConnect();
        QnxLayouts.IoConnect.Read(reader, c);
        string path = reader.RequireString("path");
        byte[] extra = reader.RequireHex("extra");
        reader.RejectUnknownKeys();

        byte[] pathBytes = StrictUtf8.GetBytes(path);
        if (Array.IndexOf(pathBytes, (byte)0) >= 0)
        {
            throw new WireInputException("path", "contains a NUL");
        }

        if (c.PathLen != pathBytes.Length + 1)
        {
            throw new WireInputException("path_len", $"{c.PathLen} does not match path ({pathBytes.Length} bytes + NUL = {pathBytes.Length + 1})");
        }

        if (c.ExtraLen != extra.Length)
        {
            throw new WireInputException("extra_len", $"{c.ExtraLen} does not match extra ({extra.Length} bytes)");
        }

        int total = extra.Length > 0 ? IoConnect.ExtraStart(c.PathLen) + extra.Length : IoConnect.OffPath + c.PathLen;
        if (total > ushort.MaxValue)
        {
            throw new WireInputException("path", $"the message would be {total} bytes, more than a QNX message header can describe");
        }

        byte[] b = new byte[total];
        int written = c.Encode(b, 0, pathBytes, 0, pathBytes.Length, extra, 0, extra.Length);
        return written == total ? b : throw new InvalidOperationException("connect codec wrote an unexpected size");
    }
}
