using System;
using System.Text;

namespace Gateway.Host.Wire;

/// <summary>
/// Hex text as <c>gateway wire</c> reads and writes it. Output: lowercase, no separators. Input: upper or lower
/// case, ASCII whitespace anywhere (so <c>xxd -p</c> and spaced dumps paste as they are), and one optional leading
/// <c>0x</c>; anything else — an odd number of digits, another character, <c>0x</c> inside — is an error.
/// </summary>
public static class HexText
{
    public static string Format(ReadOnlySpan<byte> bytes)
    {
        return Convert.ToHexStringLower(bytes);
    }

    public static byte[] Parse(string text, string field)
    {
        var digits = new StringBuilder(text.Length);
        string t = text.Trim();
        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            t = t.Substring(2);
        }

        for (int i = 0; i < t.Length; i++)
        {
            char c = t[i];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            {
                continue;
            }

            if (!Uri.IsHexDigit(c))
            {
                throw new WireInputException(field, $"'{Printable(c)}' at position {i + (text.Length - t.Length)} is not a hex digit");
            }

            digits.Append(c);
        }

        if (digits.Length % 2 != 0)
        {
            throw new WireInputException(field, $"odd number of hex digits ({digits.Length}): each byte needs two");
        }

        return Convert.FromHexString(digits.ToString());
    }

    private static string Printable(char c)
    {
        return c < 0x20 || c > 0x7E ? $"\\u{(int)c:x4}" : c.ToString();
    }
}
