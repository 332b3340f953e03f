using System;
using System.Collections.Generic;
using System.Linq;
using Gateway.Host.Conformance.Steps;

namespace Gateway.Host.Conformance.Format;

/// <summary>Bytes given as hex, or as a list of hex pieces and little-endian integers (<c>{"u32": "{fd:app}"}</c>).</summary>
public sealed class BytesSpec
{
    private readonly List<(byte[]? Hex, int Width, Expr? Value)> pieces;

    public BytesSpec(List<(byte[]? Hex, int Width, Expr? Value)> pieces, string text)
    {
        this.pieces = pieces;
        Text = text;
    }

    public string Text { get; }

    public byte[] Evaluate(IExprContext context)
    {
        var bytes = new List<byte>();
        foreach (var (hex, width, value) in pieces)
        {
            if (hex != null)
            {
                bytes.AddRange(hex);
                continue;
            }

            ulong v = value!.Evaluate(context);
            for (int i = 0; i < width; i++)
            {
                bytes.Add((byte)(v >> (8 * i)));
            }
        }

        return bytes.ToArray();
    }
}
