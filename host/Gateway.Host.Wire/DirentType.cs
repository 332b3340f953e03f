using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Wire;

namespace Gateway.Host.Wire;

/// <summary>
/// <c>struct dirent</c> records as an <c>_IO_READ</c> of a directory returns them: always a list, one record or
/// several, so a reader needs no special case for one. <c>d_name</c> is a JSON string (UTF-8). Encode takes a list
/// (or one record as an object, as older output printed it), checks <c>d_namelen</c> against
/// the name and <c>d_reclen</c> against the room the name needs, and writes the padding after the NUL as zero
/// (padding is not printed).
/// </summary>
public sealed class DirentType : WireType
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public override string Name => "dirent";

    public override string Summary => "struct dirent records (20 bytes + name + NUL, d_reclen each), always printed as a list";

    public override JsonNode Decode(byte[] bytes, WireOptions options)
    {
        var records = new List<JsonObject>();
        int o = 0;
        do
        {
            string p = $"[{records.Count}].";
            var d = new Dirent();
            int left = bytes.Length - o;
            DecodeError e = d.Decode(bytes, o, left);
            switch (e)
            {
                case DecodeError.None:
                    break;
                case DecodeError.Truncated:
                    string cut = left < 8 ? "d_ino" : left < 16 ? "d_offset" : left < 18 ? "d_reclen" : "d_namelen";
                    throw WireErrors.Truncated("struct dirent", left, Dirent.OffName, p + cut, o + (left < 8 ? 0 : left < 16 ? 8 : left < 18 ? 16 : 18));
                case DecodeError.BadLength:
                    if (d.Namelen < 0)
                    {
                        throw WireErrors.Refused(p + "d_namelen", e, $"{d.Namelen} is negative");
                    }

                    throw WireErrors.Refused(p + "d_reclen", e, $"{d.Reclen} must hold 20 + d_namelen {d.Namelen} + NUL = {Dirent.OffName + d.Namelen + 1} and fit the {left} bytes left");
                case DecodeError.BadPath:
                    throw WireErrors.Refused(p + "d_name", e, $"no NUL after d_namelen {d.Namelen} bytes");
                default:
                    throw WireErrors.Refused(WireErrors.Input, e, DecodeErrors.Describe(e));
            }

            string name;
            try
            {
                name = StrictUtf8.GetString(bytes, d.NameOffset, d.Namelen);
            }
            catch (DecoderFallbackException)
            {
                throw new WireInputException(p + "d_name", "is not valid UTF-8");
            }

            records.Add(new JsonObject
            {
                ["d_ino"] = StructLayout<Dirent>.Number(d.Ino),
                ["d_offset"] = StructLayout<Dirent>.Number(d.Offset),
                ["d_reclen"] = StructLayout<Dirent>.Number(d.Reclen),
                ["d_namelen"] = StructLayout<Dirent>.Number(d.Namelen),
                ["d_name"] = name,
            });
            o += d.Reclen;
        }
        while (o < bytes.Length);

        var array = new JsonArray();
        foreach (JsonObject r in records)
        {
            array.Add(r);
        }

        return array;
    }

    public override byte[] Encode(JsonElement json, WireOptions options)
    {
        var output = new List<byte>();
        if (json.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (JsonElement item in json.EnumerateArray())
            {
                output.AddRange(EncodeRecord(item, $"[{i}]"));
                i++;
            }

            if (i == 0)
            {
                throw new WireInputException("JSON", "an empty list holds no dirent record");
            }
        }
        else
        {
            output.AddRange(EncodeRecord(json, ""));
        }

        return output.ToArray();
    }

    private static byte[] EncodeRecord(JsonElement json, string path)
    {
        var reader = new JsonObjectReader(json, path);
        ulong ino = (ulong)reader.Integer("d_ino", WireKind.U64);
        long offset = (long)reader.Integer("d_offset", WireKind.I64);
        short reclen = (short)reader.Integer("d_reclen", WireKind.I16);
        short namelen = (short)reader.Integer("d_namelen", WireKind.I16);
        string name = reader.RequireString("d_name");
        reader.RejectUnknownKeys();
        byte[] nameBytes = StrictUtf8.GetBytes(name);
        if (Array.IndexOf(nameBytes, (byte)0) >= 0)
        {
            throw new WireInputException(reader.Join("d_name"), "contains a NUL");
        }

        if (namelen != nameBytes.Length)
        {
            throw new WireInputException(reader.Join("d_namelen"), $"{namelen} does not match d_name ({nameBytes.Length} bytes)");
        }

        int needed = Dirent.OffName + nameBytes.Length + 1;
        if (reclen < needed)
        {
            throw new WireInputException(reader.Join("d_reclen"), $"{reclen} is less than 20 + d_namelen + NUL = {needed}");
        }

        // The board codec writes the record padded to 8; a different d_reclen (a record from another server) is
        // written over it, and the record is cut or zero-extended to that length.
        int padded = Dirent.RecordSize(nameBytes.Length);
        byte[] b = new byte[Math.Max(padded, reclen)];
        Dirent.Encode(b, 0, ino, offset, nameBytes, 0, nameBytes.Length);
        WireKinds.Write(b.AsSpan(Dirent.OffReclen), WireKind.I16, reclen);
        return b.AsSpan(0, reclen).ToArray();
    }
}
