using System;
using System.Collections.Generic;
using System.Linq;
using Gateway.Host.Conformance.Steps;

namespace Gateway.Host.Conformance.Format;

/// <summary>
/// Bytes given as hex, or as a list of hex pieces and little-endian integers (<c>{"u32": "{fd:app}"}</c>); in format 2
/// a hex piece may hold placeholders whose values are hex text (<c>"{cap:before}"</c>: bytes an earlier step read).
/// </summary>
public sealed class BytesSpec
{
    private readonly List<(byte[]? Hex, int Width, Expr? Value)> pieces;
    private readonly Dictionary<int, Template> templates = new();

    public BytesSpec(List<(byte[]? Hex, int Width, Expr? Value)> pieces, string text)
    {
        this.pieces = pieces;
        Text = text;
    }

    /// <summary>Piece <paramref name="index"/> is hex text with placeholders, filled in when the step runs.</summary>
    internal BytesSpec WithTemplate(int index, Template template)
    {
        templates[index] = template;
        return this;
    }

    public string Text { get; }

    public byte[] Evaluate(IExprContext context)
    {
        var bytes = new List<byte>();
        int index = -1;
        foreach (var (hex, width, value) in pieces)
        {
            index++;
            if (templates.TryGetValue(index, out Template? t))
            {
                string filled = t.Evaluate(context);
                try
                {
                    bytes.AddRange(Gateway.Host.Wire.HexText.Parse(filled, Text));
                }
                catch (Gateway.Host.Wire.WireInputException e)
                {
                    throw new ScenarioRunException($"\"{t.Text}\" is \"{filled}\": {e.Reason}");
                }

                continue;
            }

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
