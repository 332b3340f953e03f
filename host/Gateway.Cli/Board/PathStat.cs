using System.Text.Json.Nodes;
using Gateway.Host.Wire;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Cli.Board;

/// <summary>
/// The answer to an <c>_IO_STAT</c>: the board's errno, or the body with its form (by size: 72, 96 or 120 bytes)
/// and the decoded stat. A body of another size is kept with <see cref="Stat"/> null.
/// </summary>
internal sealed class PathStat
{
    private PathStat(int errno, byte[] body, Stat? stat, int form)
    {
        Errno = errno;
        Body = body;
        Stat = stat;
        Form = form;
    }

    public int Errno { get; }

    public byte[] Body { get; }

    public Stat? Stat { get; }

    public int Form { get; }

    public bool Ok => Errno == 0 && Stat != null;

    public static PathStat Failed(int errno) => new(errno, System.Array.Empty<byte>(), null, StatForm.Unset);

    public static PathStat FromBody(byte[] body)
    {
        var stat = new Stat();
        return stat.DecodeBySize(body, 0, body.Length, out int form) == DecodeError.None
            ? new PathStat(0, body, stat, form)
            : new PathStat(0, body, null, StatForm.Unset);
    }

    /// <summary>The stat's members by their C names in its form (<c>st_mode_names</c> and the like alongside).</summary>
    public static JsonObject Fields(Stat stat, int form)
    {
        var fields = new JsonObject();
        QnxLayouts.Stat(form).Emit(stat, fields);
        return fields;
    }

    /// <summary>The form's name as <c>--form</c> spells it: <c>t64_2008</c>.</summary>
    public static string? FormName(int form) => StatForm.SizeOf(form) == 0 ? null : StatForm.Name(form);
}
