using System;
using Gateway.Protocol.Wire;

namespace Gateway.Host.Wire;

/// <summary>Turns the codecs' <see cref="DecodeError"/> and length checks into errors that name a field.</summary>
public static class WireErrors
{
    public const string Input = "HEX";

    public static WireInputException Truncated(string what, int length, int needed, string? field, int fieldOffset)
    {
        string at = field == null ? "" : $"; {field} at offset {fieldOffset} is cut";
        return new WireInputException(field ?? Input, $"truncated: {length} bytes given, {what} needs {needed}{at}");
    }

    public static WireInputException Trailing(string what, int length, int end)
    {
        return new WireInputException(Input, $"trailing bytes: {length - end} after the end of {what} at offset {end}");
    }

    public static WireInputException Refused(string field, DecodeError error, string detail)
    {
        return new WireInputException(field, $"{DecodeErrors.Name(error)}: {detail}");
    }

    /// <summary>Throws when bytes follow <paramref name="end"/>.</summary>
    public static void NoTrailing(string what, int length, int end)
    {
        if (length > end)
        {
            throw Trailing(what, length, end);
        }
    }

    /// <summary>Throws when <paramref name="value"/> is not the message type this decoder reads.</summary>
    public static WireInputException WrongType(int value, int expected)
    {
        string got = Gateway.Protocol.Qnx.IoMessageType.Name(value) ?? "unknown";
        string want = Gateway.Protocol.Qnx.IoMessageType.Name(expected) ?? "?";
        return new WireInputException("type", $"wrong-type: 0x{value:x} ({got}) is not {want} (0x{expected:x})");
    }

    public static string Hex(ReadOnlySpan<byte> b)
    {
        return HexText.Format(b);
    }
}
