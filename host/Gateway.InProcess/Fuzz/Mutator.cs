using System;
using System.Collections.Generic;
using System.Text;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;

namespace Gateway.InProcess.Fuzz;

/// <summary>
/// Seeded mutations of QNX messages (no coverage feedback: no coverage-guided fuzzer for .NET is available on this
/// machine). Byte-level: bit flips, bytes and words set to interesting values (0, 0xFF, 0x80, 0x7F, ±1),
/// truncation, extension, deletion, duplication. Message-aware: <c>combine_len</c>, <c>path_len</c>,
/// <c>nbytes</c>, <c>extra_len</c>, <c>xtype</c>, offsets and the mmap fields tampered with (the field's value
/// ±1, the bytes left ±1, 0, extremes, the combine flag toggled); two messages spliced, joined as a combine
/// message, or one inserted into another. The same seed gives the same inputs.
/// </summary>
public sealed class Mutator
{
    /// <summary>The largest input produced (a little over the largest frame a board negotiates).</summary>
    public const int MaxLength = 20000;

    private static readonly byte[] InterestingBytes = { 0x00, 0xFF, 0x80, 0x7F, 0x01, 0x7E, 0x81, 0xFE };
    private static readonly ulong[] Interesting64 =
    {
        0, 1, 4, 8, 16, 24, 40, 88, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF,
        0x100000000, 0x7FFFFFFFFFFFFFFF, 0x8000000000000000, 0xFFFFFFFFFFFFFFFF, 4096, 8192, 65536, 0xFE200000,
    };

    private readonly Random rng;
    private readonly List<(int Offset, int Width, int PartStart)> fields = new();
    private readonly byte[] scratch = new byte[MaxLength];
    private readonly StringBuilder log = new();

    public Mutator(int seed)
    {
        rng = new Random(seed);
    }

    public Random Random => rng;

    /// <summary>What the last <see cref="Mutate"/> did, for reports.</summary>
    public string LastMutations => log.ToString();

    /// <summary>
    /// Writes a mutant of <paramref name="seed"/> into <paramref name="buffer"/> (at least <see cref="MaxLength"/>
    /// bytes) and returns its length. <paramref name="corpus"/> supplies the second message of splices.
    /// </summary>
    public int Mutate(byte[] seed, byte[] buffer, IReadOnlyList<FuzzMessage> corpus) => Mutate(seed, seed.Length, buffer, corpus);

    /// <summary>As <see cref="Mutate(byte[], byte[], IReadOnlyList{FuzzMessage})"/> for the first <paramref name="seedLength"/> bytes of <paramref name="seed"/>.</summary>
    public int Mutate(byte[] seed, int seedLength, byte[] buffer, IReadOnlyList<FuzzMessage> corpus)
    {
        log.Clear();
        int len = Math.Min(seedLength, MaxLength);
        Array.Copy(seed, buffer, len);
        if (rng.Next(20) == 0)
        {
            log.Append("none");
            return len; // the valid seed itself: it moves the board into states the mutants then explore
        }

        int count = 1;
        while (count < 6 && rng.Next(2) == 0)
        {
            count++;
        }

        for (int i = 0; i < count; i++)
        {
            len = MutateOnce(buffer, len, corpus);
        }

        return len;
    }

    private int MutateOnce(byte[] b, int len, IReadOnlyList<FuzzMessage> corpus)
    {
        int op = rng.Next(100);
        if (len == 0 && op < 60)
        {
            op = 90;
        }

        if (op < 30)
        {
            return TamperField(b, len);
        }

        if (op < 42)
        {
            int at = rng.Next(len);
            int bit = rng.Next(8);
            b[at] ^= (byte)(1 << bit);
            Note($"flip {at}.{bit}");
            return len;
        }

        if (op < 52)
        {
            int at = rng.Next(len);
            b[at] = InterestingBytes[rng.Next(InterestingBytes.Length)];
            Note($"byte {at}={b[at]:x2}");
            return len;
        }

        if (op < 58)
        {
            int at = rng.Next(len);
            int width = rng.Next(3) switch { 0 => 2, 1 => 4, _ => 8 };
            ulong v = Pick64(len - at);
            Put(b, len, at, width, v);
            Note($"word{width * 8} {at}={v:x}");
            return len;
        }

        if (op < 62)
        {
            int at = rng.Next(len);
            b[at] = (byte)rng.Next(256);
            Note($"rand {at}");
            return len;
        }

        if (op < 68)
        {
            int n = rng.Next(3) == 0 ? Math.Max(0, len - 1 - rng.Next(8)) : rng.Next(len + 1);
            Note($"truncate {len}->{n}");
            return n;
        }

        if (op < 74)
        {
            int add = rng.Next(3) == 0 ? 1 + rng.Next(8) : 1 + rng.Next(256);
            add = Math.Min(add, MaxLength - len);
            int fill = rng.Next(3);
            for (int i = 0; i < add; i++)
            {
                b[len + i] = fill == 0 ? (byte)0 : fill == 1 ? (byte)rng.Next(256) : b[rng.Next(Math.Max(1, len + i))];
            }

            Note($"extend +{add}");
            return len + add;
        }

        if (op < 78 && len > 1)
        {
            int at = rng.Next(len);
            int n = 1 + rng.Next(Math.Min(64, len - at));
            Array.Copy(b, at + n, b, at, len - at - n);
            Note($"delete {at}+{n}");
            return len - n;
        }

        if (op < 82 && len > 1)
        {
            int at = rng.Next(len);
            int n = Math.Min(1 + rng.Next(Math.Min(64, len - at)), MaxLength - len);
            Array.Copy(b, at, scratch, 0, n);
            Array.Copy(b, at, b, at + n, len - at);
            Array.Copy(scratch, 0, b, at, n);
            Note($"duplicate {at}+{n}");
            return len + n;
        }

        return Splice(b, len, corpus[rng.Next(corpus.Count)].Bytes);
    }

    /// <summary>Joins, crosses over or inserts a second message.</summary>
    private int Splice(byte[] b, int len, byte[] other)
    {
        int kind = rng.Next(3);
        if (kind == 0 && len >= 4)
        {
            // As a combine message: flag the last part found, then append the other message.
            int last = LastPartStart(b, len);
            b[last + Codec.OffCombineLen + 1] |= 0x80;
            int n = Math.Min(other.Length, MaxLength - len);
            Array.Copy(other, 0, b, len, n);
            Note($"combine +{n}");
            return len + n;
        }

        if (kind == 1)
        {
            int cut = rng.Next(len + 1);
            int from = rng.Next(other.Length + 1);
            int n = Math.Min(other.Length - from, MaxLength - cut);
            Array.Copy(other, from, b, cut, n);
            Note($"crossover {cut}<-{from}+{n}");
            return cut + n;
        }

        int at = rng.Next(len + 1);
        int m = Math.Min(other.Length, MaxLength - len);
        Array.Copy(b, at, scratch, 0, len - at);
        Array.Copy(other, 0, b, at, m);
        Array.Copy(scratch, 0, b, at + m, len - at);
        Note($"insert {at}+{m}");
        return len + m;
    }

    /// <summary>Sets a length, type or offset field of one part to a value near its edges.</summary>
    private int TamperField(byte[] b, int len)
    {
        FindFields(b, len);
        if (fields.Count == 0)
        {
            return len;
        }

        var (offset, width, partStart) = fields[rng.Next(fields.Count)];
        ulong current = Get(b, offset, width);
        int left = len - partStart;
        ulong v;
        switch (rng.Next(8))
        {
            case 0: v = current + 1; break;
            case 1: v = current - 1; break;
            case 2: v = (ulong)left; break;
            case 3: v = (ulong)(left + (rng.Next(2) == 0 ? 1 : -1)); break;
            case 4: v = current ^ (width == 2 ? 0x8000UL : 1UL << (8 * width - 1)); break;
            case 5: v = current ^ (1UL << rng.Next(8 * width)); break;
            default: v = Pick64(left); break;
        }

        Put(b, len, offset, width, v);
        Note($"field {offset}/{width}={v & Mask(width):x}");
        return len;
    }

    private ulong Pick64(int left)
    {
        int r = rng.Next(Interesting64.Length + 3);
        if (r < Interesting64.Length)
        {
            return Interesting64[r];
        }

        return r == Interesting64.Length ? (ulong)left : (ulong)(left + rng.Next(3) - 1);
    }

    /// <summary>The fields worth tampering with, found by walking the parts as the board would (leniently).</summary>
    private void FindFields(byte[] b, int len)
    {
        fields.Clear();
        int p = 0;
        if (len >= IoConnect.HeaderSize && Get(b, 0, 2) == IoMessageType.Connect)
        {
            foreach (int off in new[] { IoConnect.OffSubtype, IoConnect.OffSflag, IoConnect.OffAccess, IoConnect.OffPathLen, IoConnect.OffExtraLen })
            {
                fields.Add((off, 2, 0));
            }

            fields.Add((IoConnect.OffIoflag, 4, 0));
            fields.Add((IoConnect.OffMode, 4, 0));
            fields.Add((IoConnect.OffExtraType, 1, 0));
            fields.Add((IoConnect.OffEflag, 1, 0));
            int pathLen = (int)Get(b, IoConnect.OffPathLen, 2);
            p = IoConnect.ExtraStart(pathLen);
        }

        for (int parts = 0; parts < 10 && p >= 0 && p + 4 <= len; parts++)
        {
            ushort type = (ushort)Get(b, p, 2);
            fields.Add((p, 2, p));
            fields.Add((p + Codec.OffCombineLen, 2, p));
            switch (type)
            {
                case IoMessageType.Read:
                case IoMessageType.Write:
                    AddIf(len, p + IoReadWriteHeader.OffNbytes, 4, p);
                    AddIf(len, p + IoReadWriteHeader.OffXtype, 4, p);
                    AddIf(len, p + IoReadWriteHeader.OffXOffset, 8, p);
                    break;
                case IoMessageType.Lseek:
                    AddIf(len, p + IoLseek.OffWhence, 2, p);
                    AddIf(len, p + IoLseek.OffOffset, 8, p);
                    break;
                case IoMessageType.Stat:
                    AddIf(len, p + IoStatRequest.OffFormat, 4, p);
                    break;
                case IoMessageType.Devctl:
                    AddIf(len, p + IoDevctl.OffDcmd, 4, p);
                    AddIf(len, p + IoDevctl.OffNbytes, 4, p);
                    break;
                case IoMessageType.Mmap:
                    AddIf(len, p + IoMmapRequest.OffProt, 4, p);
                    AddIf(len, p + IoMmapRequest.OffOffset, 8, p);
                    AddIf(len, p + IoMmapRequest.OffInfo + MsgInfo32.OffPid, 4, p);
                    AddIf(len, p + IoMmapRequest.OffInfo + MsgInfo32.OffCoid, 4, p);
                    AddIf(len, p + IoMmapRequest.OffRequiredProt, 4, p);
                    AddIf(len, p + IoMmapRequest.OffRequestedLen, 8, p);
                    break;
            }

            int raw = (int)Get(b, p + Codec.OffCombineLen, 2);
            int cl = raw & 0x7FFF;
            if ((raw & 0x8000) == 0 || cl < 4)
            {
                break;
            }

            p += cl;
        }
    }

    private void AddIf(int len, int offset, int width, int partStart)
    {
        if (offset + width <= len)
        {
            fields.Add((offset, width, partStart));
        }
    }

    private static int LastPartStart(byte[] b, int len)
    {
        int p = 0;
        for (int parts = 0; parts < 10 && p + 4 <= len; parts++)
        {
            int raw = (int)Get(b, p + Codec.OffCombineLen, 2);
            int cl = raw & 0x7FFF;
            if ((raw & 0x8000) == 0 || cl < 4 || p + cl + 4 > len)
            {
                return p;
            }

            p += cl;
        }

        return 0;
    }

    private static ulong Mask(int width) => width == 8 ? ulong.MaxValue : (1UL << (8 * width)) - 1;

    private static ulong Get(byte[] b, int o, int width)
    {
        ulong v = 0;
        for (int i = width - 1; i >= 0; i--)
        {
            v = (v << 8) | b[o + i];
        }

        return v;
    }

    private static void Put(byte[] b, int len, int o, int width, ulong v)
    {
        for (int i = 0; i < width && o + i < len; i++)
        {
            b[o + i] = (byte)(v >> (8 * i));
        }
    }

    private void Note(string what)
    {
        if (log.Length > 0)
        {
            log.Append(", ");
        }

        log.Append(what);
    }
}
