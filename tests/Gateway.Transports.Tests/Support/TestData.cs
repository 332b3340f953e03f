using System;

namespace Gateway.Transports.Tests.Support;

/// <summary>Payloads that a translating or swallowing line would damage.</summary>
internal static class TestData
{
    /// <summary>The bytes raw mode must pass untouched: NUL, LF, CR, DC1 (XON), DC3 (XOFF), and the tty's other control characters.</summary>
    internal static readonly byte[] ControlBytes = { 0x00, 0x0A, 0x0D, 0x11, 0x13, 0x03, 0x04, 0x1A, 0x1C, 0x7F, 0xFF, 0x0D, 0x0A };

    /// <summary>
    /// <paramref name="length"/> bytes: every value 0x00–0xFF in order, then the control bytes, then
    /// seeded random data, with CR LF pairs and XON/XOFF runs sprinkled through.
    /// </summary>
    internal static byte[] Pattern(int length, int seed)
    {
        var data = new byte[length];
        var random = new Random(seed);
        random.NextBytes(data);
        int i = 0;
        for (int v = 0; v < 256 && i < length; v++)
        {
            data[i++] = (byte)v;
        }
        foreach (byte b in ControlBytes)
        {
            if (i < length)
            {
                data[i++] = b;
            }
        }
        for (int j = i; j + 1 < length; j += 97)
        {
            data[j] = 0x0D;
            data[j + 1] = (byte)(j % 2 == 0 ? 0x0A : 0x11);
        }
        return data;
    }
}
