using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Host.Wire;

/// <summary>
/// A combine message (parts joined by <c>_IO_COMBINE_FLAG</c> in <c>combine_len</c>), validated whole by the board's
/// <see cref="CombineMessage"/> and printed as an array of its parts, each as its own type prints it. Encode
/// takes such an array (each part's <c>type</c> picks its mapping) and checks the result the same way.
/// </summary>
public sealed class CombineType : WireType
{
    public override string Name => "combine";

    public override string Summary => "a combine message: I/O messages chained by _IO_COMBINE_FLAG, as an array of parts";

    private static WireType PartType(int type, string path)
    {
        string? name = type switch
        {
            IoMessageType.Lseek => "lseek",
            IoMessageType.Read => "read",
            IoMessageType.Write => "write",
            IoMessageType.Stat => "stat-request",
            IoMessageType.Devctl => "devctl",
            IoMessageType.Sync => "sync",
            IoMessageType.Close => "close",
            IoMessageType.Mmap => "mmap-request",
            IoMessageType.Connect => "connect",
            _ => null,
        };
        return name == null
            ? throw new WireInputException(path, $"0x{type:x} ({IoMessageType.Name(type) ?? "unknown"}) has no wire mapping")
            : WireTypes.Find(name)!;
    }

    private static WireInputException InPart(int index, WireInputException e)
    {
        string field = e.Field == WireErrors.Input ? $"[{index}]" : $"[{index}].{e.Field}";
        return new WireInputException(field, e.Reason);
    }

    public override JsonNode Decode(byte[] bytes, WireOptions options)
    {
        var parser = new CombineMessage();
        DecodeError e = parser.Parse(bytes, 0, bytes.Length);
        if (e != DecodeError.None)
        {
            int i = parser.PartCount;
            throw e switch
            {
                DecodeError.BadCombineLength => WireErrors.Refused($"[{i}].combine_len", e, "smaller than the part's header or larger than the bytes left"),
                DecodeError.UnterminatedCombine => WireErrors.Refused($"[{i - 1}].combine_len", e, "the last part still has _IO_COMBINE_FLAG"),
                DecodeError.WrongType => WireErrors.Refused($"[{i}].type", e, "_IO_CONNECT cannot follow another part"),
                DecodeError.BadLength when i == CombineMessage.MaxParts => WireErrors.Refused($"[{i}]", e, $"more than {CombineMessage.MaxParts} parts"),
                DecodeError.BadLength => WireErrors.Refused($"[{i}].nbytes", e, "the write's data runs past its combine_len"),
                _ => WireErrors.Refused(WireErrors.Input, e, DecodeErrors.Describe(e)),
            };
        }

        var parts = new JsonArray();
        for (int i = 0; i < parser.PartCount; i++)
        {
            byte[] part = bytes.AsSpan(parser.PartOffset[i], parser.PartLength[i]).ToArray();
            try
            {
                parts.Add(PartType(parser.PartType[i], $"[{i}].type").Decode(part, options));
            }
            catch (WireInputException ex) when (!ex.Field.StartsWith('['))
            {
                throw InPart(i, ex);
            }
        }

        return parts;
    }

    public override byte[] Encode(JsonElement json, WireOptions options)
    {
        if (json.ValueKind != JsonValueKind.Array || json.GetArrayLength() == 0)
        {
            throw new WireInputException("JSON", $"must be a non-empty array of parts, got {JsonObjectReader.Describe(json)}");
        }

        var output = new List<byte>();
        int i = 0;
        foreach (JsonElement item in json.EnumerateArray())
        {
            var reader = new JsonObjectReader(item, $"[{i}]");
            int type = (int)reader.Integer("type", WireKind.U16);
            try
            {
                output.AddRange(PartType(type, $"[{i}].type").Encode(item, options));
            }
            catch (WireInputException ex) when (!ex.Field.StartsWith('['))
            {
                throw InPart(i, ex);
            }

            i++;
        }

        byte[] b = output.ToArray();
        Decode(b, options);
        return b;
    }
}
