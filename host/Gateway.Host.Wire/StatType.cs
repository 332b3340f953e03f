using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Host.Wire;

/// <summary>A bare stat (the body of an <c>_IO_STAT</c> reply) in the form given by <c>--form</c>: 72, 96 or 120 bytes.</summary>
public sealed class StatType : WireType
{
    public override string Name => "stat";

    public override string Summary => "__stat_t32_2001 (72 bytes) | __stat_t32_2008 (96) | __stat_t64_2008 (120), chosen by --form";

    public override bool NeedsForm => true;

    public static string CName(int form)
    {
        return "__stat_" + StatForm.Name(form);
    }

    public override JsonNode Decode(byte[] bytes, WireOptions options)
    {
        int form = options.Form;
        int size = StatForm.SizeOf(form);
        var stat = new Stat();
        DecodeError e = stat.Decode(bytes, 0, bytes.Length, form);
        if (e == DecodeError.FormMismatch)
        {
            throw new WireInputException("--form", "a bare stat needs --form t32_2001, t32_2008 or t64_2008");
        }

        StructLayout<Stat> layout = QnxLayouts.Stat(form);
        if (e == DecodeError.Truncated)
        {
            throw layout.Truncated(CName(form), bytes.Length, size);
        }

        WireErrors.NoTrailing(CName(form), bytes.Length, size);
        var root = new JsonObject();
        layout.Emit(stat, root);
        return root;
    }

    public override byte[] Encode(JsonElement json, WireOptions options)
    {
        int form = options.Form;
        int size = StatForm.SizeOf(form);
        if (size == 0)
        {
            throw new WireInputException("--form", "a bare stat needs --form t32_2001, t32_2008 or t64_2008");
        }

        var reader = new JsonObjectReader(json, "");
        var stat = new Stat();
        QnxLayouts.Stat(form).Read(reader, stat);
        reader.RejectUnknownKeys();
        byte[] b = new byte[size];
        stat.Encode(b, 0, form);
        return b;
    }
}
