using System;
using System.Collections.Generic;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Tests.Qnx;

/// <summary>
/// One decoder of untrusted bytes with its golden input. Below <see cref="FixedSize"/> bytes it must answer
/// <see cref="DecodeError.Truncated"/>; between that and the golden length (the variable part: path, data,
/// name) it must answer <see cref="CutInVariablePart"/>, the error of the length field that no longer fits.
/// </summary>
public sealed record DecoderCase(string Name, byte[] Golden, int FixedSize, DecodeError CutInVariablePart, Func<byte[], int, int, DecodeError> Decode)
{
    public override string ToString()
    {
        return Name;
    }
}

public static class DecoderCases
{
    public static readonly DecoderCase[] All = Build();

    public static IEnumerable<object[]> Data()
    {
        foreach (DecoderCase c in All)
        {
            yield return new object[] { c.Name };
        }
    }

    public static DecoderCase Get(string name)
    {
        return Array.Find(All, c => c.Name == name) ?? throw new ArgumentException(name);
    }

    private static DecoderCase[] Build()
    {
        var list = new List<DecoderCase>
        {
            new("msg-info32", GoldenVectors.MsgInfo32.Bytes, 48, DecodeError.None, (b, o, n) => new MsgInfo32().Decode(b, o, n)),
            new("mmap-request", GoldenVectors.IoMmap.Bytes, 88, DecodeError.None, (b, o, n) => new IoMmapRequest().Decode(b, o, n)),
            new("mmap-reply", GoldenVectors.IoMmapReply.Bytes, 24, DecodeError.None, (b, o, n) => new IoMmapReply().Decode(b, o, n)),
            new("mmap-reply-ext/t32_2001", GoldenVectors.IoMmapReplyExtT32_2001.Bytes, 184, DecodeError.None, (b, o, n) => new IoMmapReplyExt().Decode(b, o, n)),
            new("mmap-reply-ext/t32_2008", GoldenVectors.IoMmapReplyExtT32_2008.Bytes, 184, DecodeError.None, (b, o, n) => new IoMmapReplyExt().Decode(b, o, n)),
            new("mmap-reply-ext/t64_2008", GoldenVectors.IoMmapReplyExtT64_2008.Bytes, 184, DecodeError.None, (b, o, n) => new IoMmapReplyExt().Decode(b, o, n)),
            new("stat/t32_2001", GoldenVectors.StatT32_2001.Bytes, 72, DecodeError.None, (b, o, n) => new Messages.Stat().Decode(b, o, n, StatForm.T32_2001)),
            new("stat/t32_2008", GoldenVectors.StatT32_2008.Bytes, 96, DecodeError.None, (b, o, n) => new Messages.Stat().Decode(b, o, n, StatForm.T32_2008)),
            new("stat/t64_2008", GoldenVectors.StatT64_2008.Bytes, 120, DecodeError.None, (b, o, n) => new Messages.Stat().Decode(b, o, n, StatForm.T64_2008)),
            new("connect/open", GoldenVectors.IoConnectOpen.Bytes, 40, DecodeError.BadLength, (b, o, n) => new IoConnect().Decode(b, o, n)),
            new("connect/combine", GoldenVectors.IoConnectCombineStat.Bytes, 40, DecodeError.BadLength, (b, o, n) => new IoConnect().Decode(b, o, n)),
            new("read", GoldenVectors.IoRead.Bytes, 16, DecodeError.None, (b, o, n) => new IoRead().Decode(b, o, n)),
            new("read/offset", GoldenVectors.IoReadOffset.Bytes, 24, DecodeError.None, (b, o, n) => new IoRead().Decode(b, o, n)),
            new("write", GoldenVectors.IoWrite.Bytes, 16, DecodeError.BadLength, (b, o, n) => new IoWrite().Decode(b, o, n)),
            new("write/offset", GoldenVectors.IoWriteOffset.Bytes, 24, DecodeError.BadLength, (b, o, n) => new IoWrite().Decode(b, o, n)),
            new("lseek", GoldenVectors.IoLseek.Bytes, 16, DecodeError.None, (b, o, n) => new IoLseek().Decode(b, o, n)),
            new("lseek-reply", GoldenVectors.IoLseekReply.Bytes, 8, DecodeError.None, (b, o, n) => IoLseek.DecodeReply(b, o, n, out _)),
            new("stat-request", GoldenVectors.IoStat.Bytes, 8, DecodeError.None, (b, o, n) => new IoStatRequest().Decode(b, o, n)),
            // devctl data may be shorter than nbytes (nbytes is the larger of the in and out sizes): not judged.
            new("devctl", GoldenVectors.IoDevctl.Bytes, 16, DecodeError.None, (b, o, n) => new IoDevctl().Decode(b, o, n)),
            new("devctl-reply", GoldenVectors.IoDevctlReply.Bytes, 16, DecodeError.BadLength, (b, o, n) => new IoDevctlReply().Decode(b, o, n)),
            new("sync", GoldenVectors.IoSync.Bytes, 8, DecodeError.None, (b, o, n) => new IoSync().Decode(b, o, n)),
            new("close", GoldenVectors.IoClose.Bytes, 4, DecodeError.None, (b, o, n) => new IoClose().Decode(b, o, n)),
            new("dirent", GoldenVectors.Dirent.Bytes, 20, DecodeError.BadLength, (b, o, n) => new Dirent().Decode(b, o, n)),
            new("cred-info", GoldenVectors.CredInfo.Bytes, 60, DecodeError.None, (b, o, n) => new CredInfo().Decode(b, o, n)),
            new("client-info", GoldenVectors.ClientInfo.Bytes, 76, DecodeError.None, (b, o, n) => new ClientInfo().Decode(b, o, n)),
        };
        return list.ToArray();
    }

    /// <summary>Every decoder, including the ones whose errors are not simple truncation (for the random-bytes test).</summary>
    public static IEnumerable<Func<byte[], int, int, DecodeError>> EveryDecoder()
    {
        foreach (DecoderCase c in All)
        {
            yield return c.Decode;
        }

        yield return (b, o, n) => new Messages.Stat().DecodeBySize(b, o, n, out _);
        yield return (b, o, n) => new CombineMessage().Parse(b, o, n);
    }
}
