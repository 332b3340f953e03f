using System;

namespace Gateway.Host.Wire;

public static class WireKinds
{
    public static int Size(WireKind kind)
    {
        return kind switch
        {
            WireKind.U8 => 1,
            WireKind.U16 or WireKind.I16 => 2,
            WireKind.U32 or WireKind.I32 => 4,
            _ => 8,
        };
    }

    public static Int128 Min(WireKind kind)
    {
        return kind switch
        {
            WireKind.I16 => short.MinValue,
            WireKind.I32 => int.MinValue,
            WireKind.I64 => long.MinValue,
            _ => 0,
        };
    }

    public static Int128 Max(WireKind kind)
    {
        return kind switch
        {
            WireKind.U8 => byte.MaxValue,
            WireKind.U16 => ushort.MaxValue,
            WireKind.U32 => uint.MaxValue,
            WireKind.U64 => ulong.MaxValue,
            WireKind.I16 => short.MaxValue,
            WireKind.I32 => int.MaxValue,
            _ => long.MaxValue,
        };
    }

    public static string Name(WireKind kind)
    {
        return kind.ToString().ToLowerInvariant();
    }

    /// <summary>Writes <paramref name="value"/> little-endian in the kind's width (two's complement for signed kinds).</summary>
    public static void Write(Span<byte> b, WireKind kind, Int128 value)
    {
        ulong bits = unchecked((ulong)value);
        int size = Size(kind);
        for (int i = 0; i < size; i++)
        {
            b[i] = (byte)(bits >> (8 * i));
        }
    }
}
