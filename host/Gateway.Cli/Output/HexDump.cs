using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace Gateway.Cli.Output;

/// <summary>A classic hex dump: offset, 16 bytes in hex, and the printable ASCII.</summary>
internal static class HexDump
{
    private const int BytesPerLine = 16;

    public static void Write(TextWriter writer, ReadOnlySpan<byte> bytes)
    {
        var line = new StringBuilder(80);
        for (int o = 0; o < bytes.Length; o += BytesPerLine)
        {
            line.Clear();
            line.Append(o.ToString("x8", CultureInfo.InvariantCulture)).Append("  ");
            int n = Math.Min(BytesPerLine, bytes.Length - o);
            for (int i = 0; i < BytesPerLine; i++)
            {
                line.Append(i < n ? bytes[o + i].ToString("x2", CultureInfo.InvariantCulture) + " " : "   ");
                if (i == 7)
                {
                    line.Append(' ');
                }
            }

            line.Append(" |");
            for (int i = 0; i < n; i++)
            {
                byte b = bytes[o + i];
                line.Append(b >= 0x20 && b < 0x7F ? (char)b : '.');
            }

            line.Append('|');
            writer.WriteLine(line.ToString());
        }
    }
}
