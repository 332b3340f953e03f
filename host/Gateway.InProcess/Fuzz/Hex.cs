using System;
using System.Text;

namespace Gateway.InProcess.Fuzz;

/// <summary>Hex for failing inputs: printed by the fuzz driver, pasted into regression tests as commented hex.</summary>
public static class Hex
{
    /// <summary>Lowercase hex, 16 bytes a line, bytes separated by spaces.</summary>
    public static string Format(byte[] b, int offset, int count)
    {
        var sb = new StringBuilder(count * 3 + count / 16 + 1);
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sb.Append(i % 16 == 0 ? '\n' : ' ');
            }

            sb.Append(b[offset + i].ToString("x2"));
        }

        return sb.ToString();
    }

    public static string Format(byte[] b) => Format(b, 0, b.Length);

    /// <summary>Parses hex digits, ignoring whitespace and <c>//</c> comments to the end of a line.</summary>
    public static byte[] Parse(string text)
    {
        var digits = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (Uri.IsHexDigit(c))
            {
                digits.Append(c);
            }
            else if (!char.IsWhiteSpace(c))
            {
                throw new FormatException($"not a hex digit: '{c}'");
            }
        }

        if (digits.Length % 2 != 0)
        {
            throw new FormatException("odd number of hex digits");
        }

        return Convert.FromHexString(digits.ToString());
    }
}
