using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Gateway.Protocol.Link;
using Gateway.Protocol.Platform;
using Gateway.Protocol.Desktop.Platform;
using HashingCrc32 = System.IO.Hashing.Crc32;

namespace Gateway.Transports.Tests.Platform;

/// <summary>
/// The link CRC has three implementations — the board's table (<see cref="TableCrc32"/>), System.IO.Hashing on
/// desktops (<see cref="SystemCrc32"/>) and nanoFramework's native Crc32 on the ESP32, which takes at most 32,767
/// bytes per call and so is fed in pieces. They must agree on every frame, or the two ends drop each other's frames.
/// </summary>
public sealed class Crc32AgreementTests
{
    /// <summary>The largest span nanoFramework's Crc32 takes in one call.</summary>
    private const int NativePiece = 32_767;

    private static readonly ICrc32[] Implementations = { TableCrc32.Instance, SystemCrc32.Instance };

    public static IEnumerable<object[]> Lengths()
    {
        var lengths = new SortedSet<int>(Enumerable.Range(0, 301));
        for (int n = 301; n <= 70_000; n += 251)
        {
            lengths.Add(n);
        }

        foreach (int edge in new[] { 4_352, 4_372, 16_640, 16_660, 32_766, 32_767, 32_768, 32_769, 65_534, 65_535, 65_536, 65_537, 70_000 })
        {
            lengths.Add(edge);
        }

        // Grouped so a failure names the length range.
        return lengths.GroupBy(n => n / 5_000).Select(g => new object[] { g.Key * 5_000, g.ToArray() });
    }

    [Fact]
    public void Crc32_CheckString_IsCbf43926ForEveryImplementation()
    {
        byte[] check = Encoding.ASCII.GetBytes("123456789");

        foreach (ICrc32 crc in Implementations)
        {
            Assert.Equal(0xCBF43926u, crc.Compute(check, 0, check.Length));
        }

        Assert.Equal(0xCBF43926u, Pieces(check, 0, check.Length, 1));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Crc32_RandomBuffersOfEveryLength_AgreeWholeAndInPieces(int from, int[] lengths)
    {
        var random = new Random(from + 1);
        byte[] data = new byte[70_000 + 3];
        random.NextBytes(data);

        foreach (int n in lengths)
        {
            int offset = n % 3;
            uint expected = HashingCrc32.HashToUInt32(data.AsSpan(offset, n));

            Assert.True(expected == TableCrc32.Instance.Compute(data, offset, n), $"table, length {n}");
            Assert.True(expected == SystemCrc32.Instance.Compute(data, offset, n), $"System.IO.Hashing, length {n}");
            Assert.True(expected == Pieces(data, offset, n, NativePiece), $"native-sized pieces, length {n}");
            Assert.True(expected == Pieces(data, offset, n, 1 + (n % 997)), $"odd pieces, length {n}");
            Assert.True(expected == TablePieces(data, offset, n, 1 + (n % 4_099)), $"table in pieces, length {n}");
        }
    }

    [Fact]
    public void Crc32_AllZeroAndAllOnesPages_Agree()
    {
        foreach (byte fill in new byte[] { 0x00, 0xFF, FramePreamble.Marker0 })
        {
            byte[] page = Enumerable.Repeat(fill, 65_536).ToArray();
            uint expected = HashingCrc32.HashToUInt32(page);

            Assert.Equal(expected, TableCrc32.Instance.Compute(page, 0, page.Length));
            Assert.Equal(expected, Pieces(page, 0, page.Length, NativePiece));
        }
    }

    /// <summary>As the ESP32 feeds its native CRC: Append in pieces of at most <paramref name="piece"/> bytes.</summary>
    private static uint Pieces(byte[] data, int offset, int count, int piece)
    {
        var crc = new HashingCrc32();
        for (int done = 0; done < count; done += piece)
        {
            crc.Append(data.AsSpan(offset + done, Math.Min(piece, count - done)));
        }

        return crc.GetCurrentHashAsUInt32();
    }

    private static uint TablePieces(byte[] data, int offset, int count, int piece)
    {
        uint running = Crc32.Start();
        for (int done = 0; done < count; done += piece)
        {
            running = Crc32.Update(running, data, offset + done, Math.Min(piece, count - done));
        }

        return Crc32.Finish(running);
    }
}
