using System.Text.Json.Nodes;
using Gateway.Host.Wire;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Host.Conformance.Runner;

/// <summary>Messages and replies as the JSON of <c>gateway wire decode</c> (keys are the C member paths), for expectations.</summary>
public static class WireJson
{
    /// <summary>Decodes <paramref name="bytes"/> as <paramref name="type"/>; null when the bytes do not decode.</summary>
    public static JsonNode? Decode(string type, byte[] bytes, string? form = null)
    {
        WireType? t = WireTypes.Find(type);
        if (t == null)
        {
            return null;
        }

        try
        {
            // A directory read decodes as a list of records, one record included (DirentType).
            return t.Decode(bytes, new WireOptions(WireTypes.FormFromName(form)));
        }
        catch (WireInputException)
        {
            return null;
        }
    }

    /// <summary>The wire type name of a request by its first type word (a combine message: <c>combine</c>).</summary>
    public static string? RequestType(byte[] bytes)
    {
        var parts = new CombineMessage();
        if (parts.Parse(bytes, 0, bytes.Length) == DecodeError.None && parts.PartCount > 1)
        {
            return "combine";
        }

        if (bytes.Length < 2)
        {
            return null;
        }

        return Codec.PeekType(bytes, 0, bytes.Length) switch
        {
            IoMessageType.Connect => "connect",
            IoMessageType.Read => "read",
            IoMessageType.Write => "write",
            IoMessageType.Stat => "stat-request",
            IoMessageType.Devctl => "devctl",
            IoMessageType.Lseek => "lseek",
            IoMessageType.Mmap => "mmap-request",
            IoMessageType.Close => "close",
            IoMessageType.Sync => "sync",
            _ => null,
        };
    }

    public static JsonNode? DecodeRequest(byte[] bytes) => RequestType(bytes) is string t ? Decode(t, bytes) : null;

    /// <summary>A stat body in the form its size names; null when no form has that size.</summary>
    public static JsonNode? Stat(byte[] body) => StatFormName(body.Length) is string form ? Decode("stat", body, form) : null;

    /// <summary>The name <c>wire decode</c> gives the stat form of <paramref name="size"/> bytes, or null.</summary>
    public static string? StatFormName(int size) => StatForm.FromSize(size) switch
    {
        StatForm.T32_2001 => "t32_2001",
        StatForm.T32_2008 => "t32_2008",
        StatForm.T64_2008 => "t64_2008",
        _ => null,
    };

    /// <summary>The wire type of a successful reply to <paramref name="request"/>, by the request's type and the body's size.</summary>
    public static (string Type, string? Form)? ReplyType(byte[] request, byte[] body)
    {
        if (request.Length < 2)
        {
            return null;
        }

        int type = Codec.PeekType(request, 0, request.Length);
        if (type == IoMessageType.Mmap)
        {
            return body.Length == IoMmapReply.Size ? ("mmap-reply", null) : ("mmap-reply-ext", null);
        }

        if (type == IoMessageType.Lseek)
        {
            return ("lseek-reply", null);
        }

        if (type == IoMessageType.Devctl)
        {
            return ("devctl-reply", null);
        }

        if (type == IoMessageType.Stat || (type == IoMessageType.Connect && body.Length is StatForm.SizeT32_2001 or StatForm.SizeT32_2008 or StatForm.SizeT64_2008))
        {
            return StatFormName(body.Length) is string form ? ("stat", form) : null;
        }

        return null;
    }
}
