using System;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Wire;

namespace Gateway.InProcess.Fuzz;

/// <summary>
/// Every message decoder of <c>Gateway.Protocol.Messages</c> and <see cref="CombineMessage.Parse"/> over one input.
/// Oracles: no decoder throws; a decoder reads only its <c>count</c> bytes (the same input decoded in place inside
/// a larger buffer full of junk, at an offset, gives the same result as an exact copy); what decodes re-encodes
/// to bytes that decode and re-encode to the same bytes (reserved fields normalised once, then stable); and the
/// lengths a decoder exposes (path, attached message, parts, write data) lie inside its input.
/// </summary>
public sealed class CodecFuzzTarget
{
    private const int Pad = 64;

    private readonly byte[] exact = new byte[Mutator.MaxLength + Pad];
    private readonly byte[] embedded = new byte[Mutator.MaxLength + 2 * Pad];
    private readonly byte[] enc1 = new byte[1024];
    private readonly byte[] enc2 = new byte[1024];
    private readonly Random junk;

    private readonly IoConnect connect = new();
    private readonly IoRead read = new();
    private readonly IoWrite write = new();
    private readonly IoLseek lseek = new();
    private readonly IoStatRequest stat = new();
    private readonly IoDevctl devctl = new();
    private readonly IoDevctlReply devctlReply = new();
    private readonly IoSync sync = new();
    private readonly IoClose close = new();
    private readonly IoMmapRequest mmap = new();
    private readonly IoMmapReply mmapReply = new();
    private readonly IoMmapReplyExt mmapReplyExt = new();
    private readonly Stat statBody = new();
    private readonly Dirent dirent = new();
    private readonly CredInfo cred = new();
    private readonly ClientInfo client = new();
    private readonly MsgInfo32 info = new();
    private readonly CombineMessage combine = new();

    public CodecFuzzTarget(int seed)
    {
        junk = new Random(seed ^ 0x5EED);
    }

    /// <summary>Decodes <paramref name="count"/> bytes of <paramref name="input"/> with every decoder; null when every oracle holds.</summary>
    public string? Run(byte[] input, int count)
    {
        // The exact copy is followed by zeros, the embedded one sits between random bytes: a decoder that reads
        // outside its count sees different bytes in the two and (almost always) answers differently.
        Array.Copy(input, exact, count);
        Array.Clear(exact, count, Pad);
        int at = Pad - junk.Next(8);
        junk.NextBytes(embedded.AsSpan(0, at));
        Array.Copy(input, 0, embedded, at, count);
        junk.NextBytes(embedded.AsSpan(at + count, Pad));

        for (int d = 0; d < DecoderCount; d++)
        {
            string? failure = Check(d, at, count);
            if (failure != null)
            {
                return $"{DecoderName(d)}: {failure}";
            }
        }

        return null;
    }

    public const int DecoderCount = 24;

    public static string DecoderName(int d) => d switch
    {
        0 => "IoConnect.Decode",
        1 => "IoRead.Decode",
        2 => "IoWrite.Decode",
        3 => "IoLseek.Decode",
        4 => "IoLseek.DecodeReply",
        5 => "IoStatRequest.Decode",
        6 => "IoDevctl.Decode",
        7 => "IoDevctlReply.Decode",
        8 => "IoSync.Decode",
        9 => "IoClose.Decode",
        10 => "IoMmapRequest.Decode",
        11 => "IoMmapReply.Decode",
        12 => "IoMmapReplyExt.Decode",
        13 => "Stat.Decode(T32_2001)",
        14 => "Stat.Decode(T32_2008)",
        15 => "Stat.Decode(T64_2008)",
        16 => "Stat.DecodeBySize",
        17 => "Dirent.Decode",
        18 => "CredInfo.Decode",
        19 => "ClientInfo.Decode",
        20 => "MsgInfo32.Decode",
        21 => "CombineMessage.Parse",
        22 => "Codec.PeekType",
        _ => "Stat.Decode(unknown form)",
    };

    private string? Check(int d, int at, int count)
    {
        long inPlace;
        long copy;
        try
        {
            inPlace = Decode(d, embedded, at, count);
            string? bounds = Bounds(d, at, count, inPlace);
            if (bounds != null)
            {
                return bounds;
            }

            copy = Decode(d, exact, 0, count);
            bounds = Bounds(d, 0, count, copy);
            if (bounds != null)
            {
                return bounds;
            }
        }
        catch (Exception ex)
        {
            return $"threw {ex.GetType().Name}: {ex.Message}";
        }

        if (inPlace != copy)
        {
            return $"read past its count: in place {inPlace}, exact copy {copy}";
        }

        if ((copy & 0xFF) == (long)DecodeError.None && d != 22)
        {
            try
            {
                return RoundTrip(d);
            }
            catch (Exception ex)
            {
                return $"re-encoding threw {ex.GetType().Name}: {ex.Message}";
            }
        }

        return null;
    }

    /// <summary>Runs decoder <paramref name="d"/>; the result folds the error with what the decoder exposed relative to <paramref name="o"/>.</summary>
    private long Decode(int d, byte[] b, int o, int n)
    {
        switch (d)
        {
            case 0:
                {
                    var e = connect.Decode(b, o, n);
                    return Fold(e, connect.PathOffset < 0 ? -1 : connect.PathOffset - o, connect.ExtraOffset < 0 ? -1 : connect.ExtraOffset - o);
                }

            case 1: return (long)read.Decode(b, o, n);
            case 2:
                {
                    var e = write.Decode(b, o, n);
                    return Fold(e, e == DecodeError.None ? write.DataOffset - o : 0, 0);
                }

            case 3: return (long)lseek.Decode(b, o, n);
            case 4: return (long)IoLseek.DecodeReply(b, o, n, out _);
            case 5: return (long)stat.Decode(b, o, n);
            case 6:
                {
                    var e = devctl.Decode(b, o, n);
                    return Fold(e, e == DecodeError.None ? devctl.DataOffset - o : 0, e == DecodeError.None ? devctl.DataLength : 0);
                }

            case 7: return (long)devctlReply.Decode(b, o, n);
            case 8: return (long)sync.Decode(b, o, n);
            case 9: return (long)close.Decode(b, o, n);
            case 10: return (long)mmap.Decode(b, o, n);
            case 11: return (long)mmapReply.Decode(b, o, n);
            case 12:
                {
                    var e = mmapReplyExt.Decode(b, o, n);
                    return Fold(e, mmapReplyExt.StatTailNonZeroAt, 0);
                }

            case 13: return (long)statBody.Decode(b, o, n, 1);
            case 14: return (long)statBody.Decode(b, o, n, 2);
            case 15: return (long)statBody.Decode(b, o, n, 3);
            case 16:
                {
                    var e = statBody.DecodeBySize(b, o, n, out int form);
                    return Fold(e, form, 0);
                }

            case 17:
                {
                    var e = dirent.Decode(b, o, n);
                    return Fold(e, e == DecodeError.None ? dirent.NameOffset - o : 0, 0);
                }

            case 18: return (long)cred.Decode(b, o, n);
            case 19: return (long)client.Decode(b, o, n);
            case 20: return (long)info.Decode(b, o, n);
            case 21:
                {
                    var e = combine.Parse(b, o, n);
                    long h = combine.PartCount;
                    for (int i = 0; i < combine.PartCount; i++)
                    {
                        h = (h * 31) + (combine.PartOffset[i] - o) * 7 + combine.PartLength[i] * 3 + combine.PartType[i];
                    }

                    return Fold(e, (int)(h & 0x3FFFFFFF), 0);
                }

            case 22: return Codec.PeekType(b, o, n);
            default: return (long)statBody.Decode(b, o, n, 4);
        }
    }

    private static long Fold(DecodeError e, int a, int b) => (long)e | ((long)(a & 0xFFFFF) << 8) | ((long)(b & 0x7FFFF) << 28);

    /// <summary>What a decoder exposes must lie inside the bytes it was given.</summary>
    private string? Bounds(int d, int o, int n, long result)
    {
        int end = o + n;
        bool ok = (result & 0xFF) == (long)DecodeError.None;
        switch (d)
        {
            case 0:
                if (connect.PathOffset >= 0 && connect.PathOffset + connect.PathLength >= end)
                {
                    return $"path {connect.PathOffset - o}+{connect.PathLength} (and its NUL) past {n}";
                }

                if (connect.ExtraOffset >= 0 && connect.ExtraOffset + connect.ExtraLen > end)
                {
                    return $"attached message {connect.ExtraOffset - o}+{connect.ExtraLen} past {n}";
                }

                return null;
            case 2:
                if (ok && write.DataOffset + (long)write.Nbytes > end)
                {
                    return $"write data {write.DataOffset - o}+{write.Nbytes} past {n}";
                }

                return null;
            case 6:
                if (ok && (devctl.DataLength < 0 || devctl.DataOffset + devctl.DataLength > end))
                {
                    return $"devctl data {devctl.DataOffset - o}+{devctl.DataLength} past {n}";
                }

                return null;
            case 21:
                {
                    if (combine.PartCount < 0 || combine.PartCount > CombineMessage.MaxParts)
                    {
                        return $"{combine.PartCount} parts";
                    }

                    int p = o;
                    for (int i = 0; i < combine.PartCount; i++)
                    {
                        if (combine.PartOffset[i] != p || combine.PartLength[i] < 4 || combine.PartOffset[i] + combine.PartLength[i] > end)
                        {
                            return $"part {i} at {combine.PartOffset[i] - o}+{combine.PartLength[i]} in {n}";
                        }

                        p += combine.PartLength[i];
                    }

                    return null;
                }

            default:
                return null;
        }
    }

    /// <summary>decode → encode → decode → encode: the two encodings are equal (fixed-size structures).</summary>
    private string? RoundTrip(int d)
    {
        int n1, n2;
        switch (d)
        {
            case 1:
                n1 = read.Encode(enc1, 0);
                read.Decode(enc1, 0, n1);
                n2 = read.Encode(enc2, 0);
                break;
            case 3:
                n1 = lseek.Encode(enc1, 0);
                lseek.Decode(enc1, 0, n1);
                n2 = lseek.Encode(enc2, 0);
                break;
            case 5:
                n1 = stat.Encode(enc1, 0);
                stat.Decode(enc1, 0, n1);
                n2 = stat.Encode(enc2, 0);
                break;
            case 8:
                n1 = sync.Encode(enc1, 0);
                sync.Decode(enc1, 0, n1);
                n2 = sync.Encode(enc2, 0);
                break;
            case 9:
                n1 = close.Encode(enc1, 0);
                close.Decode(enc1, 0, n1);
                n2 = close.Encode(enc2, 0);
                break;
            case 10:
                n1 = mmap.Encode(enc1, 0);
                mmap.Decode(enc1, 0, n1);
                n2 = mmap.Encode(enc2, 0);
                break;
            case 11:
                n1 = mmapReply.Encode(enc1, 0);
                mmapReply.Decode(enc1, 0, n1);
                n2 = mmapReply.Encode(enc2, 0);
                break;
            case 12:
                n1 = mmapReplyExt.Encode(enc1, 0);
                mmapReplyExt.Decode(enc1, 0, n1);
                n2 = mmapReplyExt.Encode(enc2, 0);
                break;
            case 13:
            case 14:
            case 15:
                n1 = statBody.Encode(enc1, 0, d - 12);
                statBody.Decode(enc1, 0, n1, d - 12);
                n2 = statBody.Encode(enc2, 0, d - 12);
                break;
            case 18:
                n1 = cred.Encode(enc1, 0);
                cred.Decode(enc1, 0, n1);
                n2 = cred.Encode(enc2, 0);
                break;
            case 19:
                n1 = client.Encode(enc1, 0);
                client.Decode(enc1, 0, n1);
                n2 = client.Encode(enc2, 0);
                break;
            case 20:
                n1 = info.Encode(enc1, 0);
                info.Decode(enc1, 0, n1);
                n2 = info.Encode(enc2, 0);
                break;
            default:
                return null;
        }

        if (n1 != n2 || !enc1.AsSpan(0, n1).SequenceEqual(enc2.AsSpan(0, n2)))
        {
            return $"encode(decode(encode(x))) differs from encode(x): {Hex.Format(enc1, 0, n1)} / {Hex.Format(enc2, 0, n2)}";
        }

        return null;
    }
}
