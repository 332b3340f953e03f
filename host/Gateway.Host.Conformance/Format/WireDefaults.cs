using System;
using System.Text;
using System.Text.Json.Nodes;
using Gateway.Protocol.Qnx;

namespace Gateway.Host.Conformance.Format;

/// <summary>
/// Defaults for raw messages given as wire JSON, so a scenario names only the fields that matter: every field of
/// the message's type starts at its ordinary value (the header's <c>type</c> and <c>combine_len</c>, zeros
/// elsewhere), and lengths a field implies are filled in when left out (<c>path_len</c> and <c>extra_len</c> of a
/// connect, <c>nbytes</c> of a write or devctl, <c>combine_len</c> 24 with <c>_IO_XTYPE_OFFSET</c>). Given fields
/// win, so malformed messages are written by giving the wrong value.
/// </summary>
public static class WireDefaults
{
    public static JsonNode Apply(string type, JsonNode? fields)
    {
        if (type == "combine" && fields is JsonArray parts)
        {
            // Each part by its own type; a part followed by another gets _IO_COMBINE_FLAG unless combine_len is given.
            var result = new JsonArray();
            for (int i = 0; i < parts.Count; i++)
            {
                JsonNode? part = parts[i];
                string? partType = part is JsonObject o && Pattern.TryNumber(o["type"], out ulong t) ? PartTypeName((ushort)t) : null;
                JsonNode applied = partType != null ? Apply(partType, part) : part?.DeepClone() ?? JsonValue.Create(0);
                bool givenLen = part is JsonObject po && po.ContainsKey("combine_len");
                if (i < parts.Count - 1 && !givenLen && applied is JsonObject ao && Pattern.TryNumber(ao["combine_len"], out ulong len))
                {
                    ao["combine_len"] = len | IoMessageType.CombineFlag;
                }

                result.Add(applied);
            }

            return result;
        }

        if (fields is not JsonObject given)
        {
            return fields ?? JsonValue.Create(0);
        }

        JsonObject? defaults = Defaults(type);
        if (defaults == null)
        {
            return given;
        }

        Merge(defaults, given);
        switch (type)
        {
            case "connect":
                string path = (string?)defaults["path"] ?? "";
                string extra = (string?)defaults["extra"] ?? "";
                if (!given.ContainsKey("path_len"))
                {
                    defaults["path_len"] = Encoding.UTF8.GetByteCount(path) + 1;
                }

                if (!given.ContainsKey("extra_len"))
                {
                    defaults["extra_len"] = HexLength(extra);
                }

                if (!given.ContainsKey("access") && Pattern.TryNumber(defaults["ioflag"], out ulong ioflag))
                {
                    defaults["access"] = ioflag & OpenFlags.IoFlagMask;
                }

                break;
            case "write":
            case "devctl":
                if (!given.ContainsKey("nbytes"))
                {
                    defaults["nbytes"] = HexLength((string?)defaults["data"] ?? "");
                }

                break;
        }

        if (type is "read" or "write" && !given.ContainsKey("combine_len") && Pattern.TryNumber(defaults["xtype"], out ulong xtype)
            && (xtype & XType.Mask) == XType.Offset)
        {
            defaults["combine_len"] = 24;
            if (defaults["xtype_offset"] == null)
            {
                defaults["xtype_offset"] = new JsonObject { ["offset"] = 0 };
            }
        }

        return defaults;
    }

    private static string? PartTypeName(ushort type) => type switch
    {
        IoMessageType.Read => "read",
        IoMessageType.Write => "write",
        IoMessageType.Stat => "stat-request",
        IoMessageType.Devctl => "devctl",
        IoMessageType.Lseek => "lseek",
        IoMessageType.Close => "close",
        IoMessageType.Sync => "sync",
        IoMessageType.Mmap => "mmap-request",
        _ => null,
    };

    private static int HexLength(string hex)
    {
        int digits = 0;
        foreach (char c in hex)
        {
            if (Uri.IsHexDigit(c))
            {
                digits++;
            }
        }

        return digits / 2;
    }

    private static void Merge(JsonObject target, JsonObject given)
    {
        foreach (var (key, value) in given)
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    private static JsonObject? Defaults(string type)
    {
        static JsonObject Info() => new()
        {
            ["nd"] = 0, ["srcnd"] = 0, ["pid"] = 0, ["tid"] = 0, ["chid"] = 0, ["scoid"] = 0, ["coid"] = 0,
            ["msglen"] = 0, ["srcmsglen"] = 0, ["dstmsglen"] = 0, ["priority"] = 0, ["flags"] = 0, ["type_id"] = 0,
        };

        return type switch
        {
            "mmap-request" => new JsonObject
            {
                ["type"] = (int)IoMessageType.Mmap, ["combine_len"] = 88, ["prot"] = 0, ["offset"] = 0, ["info"] = Info(),
                ["required_prot"] = 0, ["requested_len"] = 0,
            },
            "msg-info32" => Info(),
            "connect" => new JsonObject
            {
                ["type"] = (int)IoMessageType.Connect, ["subtype"] = (int)ConnectSubtype.Open, ["file_type"] = 0, ["reply_max"] = 0,
                ["entry_max"] = 0, ["key"] = 0, ["handle"] = 0, ["ioflag"] = (int)OpenFlags.IoFlagRead, ["mode"] = 0, ["sflag"] = 0,
                ["dirfd"] = 0, ["eflag"] = 0, ["extra_type"] = 0, ["path"] = "", ["extra"] = "",
            },
            "read" => new JsonObject { ["type"] = (int)IoMessageType.Read, ["combine_len"] = 16, ["nbytes"] = 0, ["xtype"] = 0 },
            "write" => new JsonObject { ["type"] = (int)IoMessageType.Write, ["combine_len"] = 16, ["xtype"] = 0, ["data"] = "" },
            "lseek" => new JsonObject { ["type"] = (int)IoMessageType.Lseek, ["combine_len"] = 16, ["whence"] = 0, ["offset"] = 0 },
            "stat-request" => new JsonObject { ["type"] = (int)IoMessageType.Stat, ["combine_len"] = 8, ["format"] = 0 },
            "devctl" => new JsonObject { ["type"] = (int)IoMessageType.Devctl, ["combine_len"] = 16, ["dcmd"] = 0, ["data"] = "" },
            "sync" => new JsonObject { ["type"] = (int)IoMessageType.Sync, ["combine_len"] = 8, ["flag"] = 0 },
            "close" => new JsonObject { ["type"] = (int)IoMessageType.Close, ["combine_len"] = 4 },
            _ => null,
        };
    }
}
