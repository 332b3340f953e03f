using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Host.Wire;

/// <summary>
/// <c>struct _io_mmap_reply_ext</c> (184 bytes); the stat's form comes from <c>extended.flags</c>. With no form
/// (USE_EXTENDED clear) <c>extended.stat</c> prints as null. Non-zero bytes of the stat union past the form (or the
/// whole union without a form) print as <c>extended.stat_tail</c> in hex — only when non-zero — so that encode
/// reproduces any 184 bytes decode accepted; encode takes it as optional, zero when absent.
/// </summary>
public sealed class MmapReplyExtType : WireType
{
    private const string CName = "_io_mmap_reply_ext";

    public override string Name => "mmap-reply-ext";

    public override string Summary => "struct _io_mmap_reply_ext (184 bytes), stat form from extended.flags";

    public override JsonNode Decode(byte[] bytes, WireOptions options)
    {
        var r = new IoMmapReplyExt();
        DecodeError e = r.Decode(bytes, 0, bytes.Length);
        if (e == DecodeError.Truncated)
        {
            int form = bytes.Length >= IoMmapReplyExt.OffFlags + 4 ? MmapReplyFlags.StatForm(LittleEndianFlags(bytes)) : StatForm.T64_2008;
            WireField<IoMmapReplyExt>? cut = QnxLayouts.IoMmapReplyExt(form).FirstCutField(bytes.Length);
            throw WireErrors.Truncated(CName, bytes.Length, IoMmapReplyExt.Size, cut?.Path ?? "extended.stat_tail", cut?.Offset ?? IoMmapReplyExt.OffStat);
        }

        if (e == DecodeError.FormMismatch)
        {
            throw WireErrors.Refused("extended.flags", e, $"0x{r.Flags:x} sets USE_EXTENDED but names no stat form (STAT_FORM bits 0x18 are 0)");
        }

        if (e != DecodeError.None)
        {
            throw WireErrors.Refused(WireErrors.Input, e, DecodeErrors.Describe(e));
        }

        WireErrors.NoTrailing(CName, bytes.Length, IoMmapReplyExt.Size);
        var root = new JsonObject();
        QnxLayouts.IoMmapReplyExt(r.Form).Emit(r, root);
        var extended = (JsonObject)root["extended"]!;
        if (StatForm.SizeOf(r.Form) == 0)
        {
            extended["stat"] = null;
        }

        int tailStart = IoMmapReplyExt.OffStat + StatForm.SizeOf(r.Form);
        ReadOnlySpan<byte> tail = bytes.AsSpan(tailStart, IoMmapReplyExt.Size - tailStart);
        if (tail.ContainsAnyExcept((byte)0))
        {
            extended["stat_tail"] = HexText.Format(tail);
        }

        return root;
    }

    private static uint LittleEndianFlags(byte[] b)
    {
        return Gateway.Protocol.Wire.LittleEndian.ReadU32(b, IoMmapReplyExt.OffFlags);
    }

    public override byte[] Encode(JsonElement json, WireOptions options)
    {
        var reader = new JsonObjectReader(json, "");
        JsonObjectReader extended = reader.Child("extended", required: true)!;
        uint flags = (uint)extended.Integer("flags", WireKind.U32);
        int form = MmapReplyFlags.StatForm(flags);
        int formSize = StatForm.SizeOf(form);
        if (formSize == 0 && MmapReplyFlags.IsExtended(flags))
        {
            throw new WireInputException("extended.flags", $"0x{flags:x} sets USE_EXTENDED but names no stat form (decode refuses it: form-mismatch)");
        }

        var r = new IoMmapReplyExt();
        QnxLayouts.IoMmapReplyExt(form).Read(reader, r);
        if (formSize == 0 && extended.TryGet("stat", out JsonElement stat) && stat.ValueKind != JsonValueKind.Null)
        {
            throw new WireInputException("extended.stat", "must be null when extended.flags names no stat form");
        }

        byte[] tail = Array.Empty<byte>();
        int tailLength = StatForm.UnionSize - formSize;
        if (extended.Has("stat_tail"))
        {
            tail = extended.RequireHex("stat_tail");
            if (tail.Length != tailLength)
            {
                throw new WireInputException("extended.stat_tail", $"must be {tailLength} bytes (the union past the {StatForm.Name(form)} form), got {tail.Length}");
            }
        }

        reader.RejectUnknownKeys();
        byte[] b = new byte[IoMmapReplyExt.Size];
        r.Encode(b, 0);
        QnxLayouts.IoMmapReplyExt(form).PatchHostFields(r, b);
        tail.CopyTo(b, IoMmapReplyExt.OffStat + formSize);
        return b;
    }
}
