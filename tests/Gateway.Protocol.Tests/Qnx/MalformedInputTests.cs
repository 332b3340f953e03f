using System;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Tests.Qnx;

/// <summary>The malformed-input matrix: every decoder answers a typed <see cref="DecodeError"/>, never an exception.</summary>
public sealed class MalformedInputTests
{
    private static byte[] Golden(GoldenVector v)
    {
        return v.Bytes;
    }

    private static void PutU16(byte[] b, int o, int v)
    {
        b[o] = (byte)v;
        b[o + 1] = (byte)(v >> 8);
    }

    private static void PutU32(byte[] b, int o, uint v)
    {
        for (int i = 0; i < 4; i++)
        {
            b[o + i] = (byte)(v >> (8 * i));
        }
    }

    // ------------------------------------------------------------------ truncation at every length

    [Theory]
    [MemberData(nameof(DecoderCases.Data), MemberType = typeof(DecoderCases))]
    public void Decoder_TruncatedToEveryShorterLength_ReportsTypedError(string name)
    {
        DecoderCase c = DecoderCases.Get(name);
        for (int len = 0; len < c.Golden.Length; len++)
        {
            DecodeError expected = len < c.FixedSize ? DecodeError.Truncated : c.CutInVariablePart;

            // An array exactly as long as the input: a read past it would throw.
            byte[] exact = c.Golden.AsSpan(0, len).ToArray();
            Assert.True(expected == c.Decode(exact, 0, len), $"{name}: {len} bytes (exact array) should be {expected}");

            // The whole golden in the array but only len counted: the decoder must respect count, not the array.
            byte[] counted = CodecAssert.Embedded(c.Golden);
            Assert.True(expected == c.Decode(counted, CodecAssert.Margin, len), $"{name}: count {len} of a longer buffer should be {expected}");
        }

        Assert.Equal(DecodeError.None, c.Decode(c.Golden, 0, c.Golden.Length));
    }

    [Theory]
    [MemberData(nameof(DecoderCases.Data), MemberType = typeof(DecoderCases))]
    public void Decoder_NegativeCountOrOffsetPastEnd_ReportsTruncated(string name)
    {
        DecoderCase c = DecoderCases.Get(name);
        Assert.Equal(DecodeError.Truncated, c.Decode(c.Golden, 0, -1));
        Assert.Equal(DecodeError.Truncated, c.Decode(c.Golden, c.Golden.Length, c.Golden.Length));
    }

    [Fact]
    public void CombineMessage_TruncatedGolden_NeverSucceedsAndNeverThrows()
    {
        byte[] g = GoldenVectors.CombineLseekRead.Bytes;
        for (int len = 0; len < g.Length; len++)
        {
            DecodeError e = new CombineMessage().Parse(g.AsSpan(0, len).ToArray(), 0, len);
            DecodeError expected = len == 16 ? DecodeError.UnterminatedCombine : DecodeError.Truncated;
            Assert.True(expected == e, $"{len} bytes: {e}, expected {expected}");
        }
    }

    // ------------------------------------------------------------------ wrong type

    public static TheoryData<string, int> TypedDecoders => new()
    {
        { "mmap-request", 0 }, { "connect/open", 0 }, { "read", 0 }, { "read/offset", 0 }, { "write", 0 },
        { "lseek", 0 }, { "stat-request", 0 }, { "devctl", 0 }, { "sync", 0 }, { "close", 0 },
    };

    [Theory]
    [MemberData(nameof(TypedDecoders))]
    public void Decoder_OtherMessageType_ReportsWrongType(string name, int typeOffset)
    {
        DecoderCase c = DecoderCases.Get(name);
        foreach (int other in new[] { IoMessageType.Msg, IoMessageType.Dup, 0x0000, 0xFFFF, IoMessageType.Chmod })
        {
            byte[] b = (byte[])c.Golden.Clone();
            PutU16(b, typeOffset, other);
            Assert.Equal(DecodeError.WrongType, c.Decode(b, 0, b.Length));
        }
    }

    [Fact]
    public void Decoders_EachOthersGolden_ReportWrongType()
    {
        Assert.Equal(DecodeError.WrongType, new IoRead().Decode(Golden(GoldenVectors.IoWrite), 0, 21));
        Assert.Equal(DecodeError.WrongType, new IoWrite().Decode(Golden(GoldenVectors.IoRead), 0, 16));
        Assert.Equal(DecodeError.WrongType, new IoLseek().Decode(Golden(GoldenVectors.IoRead), 0, 16));
        Assert.Equal(DecodeError.WrongType, new IoSync().Decode(Golden(GoldenVectors.IoStat), 0, 8));
        Assert.Equal(DecodeError.WrongType, new IoStatRequest().Decode(Golden(GoldenVectors.IoSync), 0, 8));
        Assert.Equal(DecodeError.WrongType, new IoClose().Decode(Golden(GoldenVectors.IoStat), 0, 8));
        Assert.Equal(DecodeError.WrongType, new IoDevctl().Decode(Golden(GoldenVectors.IoLseek), 0, 16));
        Assert.Equal(DecodeError.WrongType, new IoConnect().Decode(Golden(GoldenVectors.IoMmap), 0, 88));
        byte[] mmapLike = Golden(GoldenVectors.IoMmap);
        PutU16(mmapLike, 0, IoMessageType.Connect);
        Assert.Equal(DecodeError.WrongType, new IoMmapRequest().Decode(mmapLike, 0, 88));
    }

    // ------------------------------------------------------------------ combine lengths

    private static byte[] Lseek(int combineLen)
    {
        byte[] b = Golden(GoldenVectors.IoLseek);
        PutU16(b, 2, combineLen);
        return b;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(15)]
    [InlineData(0x8000)]
    [InlineData(0x8000 | 8)]
    [InlineData(0x8000 | 15)]
    public void CombineMessage_CombineLenSmallerThanHeader_ReportsBadCombineLength(int combineLen)
    {
        byte[] b = Lseek(combineLen);
        Assert.Equal(DecodeError.BadCombineLength, new CombineMessage().Parse(b, 0, b.Length));
    }

    [Theory]
    [InlineData(17)]
    [InlineData(0x7FFF)]
    [InlineData(0x8000 | 17)]
    [InlineData(0xFFFF)]
    public void CombineMessage_CombineLenLargerThanBytesLeft_ReportsBadCombineLength(int combineLen)
    {
        byte[] b = Lseek(combineLen);
        Assert.Equal(DecodeError.BadCombineLength, new CombineMessage().Parse(b, 0, b.Length));
    }

    [Fact]
    public void CombineMessage_SecondPartCombineLenPastEnd_ReportsBadCombineLength()
    {
        byte[] b = Golden(GoldenVectors.CombineLseekRead);
        PutU16(b, 18, 17);
        Assert.Equal(DecodeError.BadCombineLength, new CombineMessage().Parse(b, 0, b.Length));
        PutU16(b, 18, 8);
        Assert.Equal(DecodeError.BadCombineLength, new CombineMessage().Parse(b, 0, b.Length));
    }

    [Fact]
    public void CombineMessage_ReadWithXtypeOffset_CountsTwentyFourBytesOfHeader()
    {
        byte[] pread = Golden(GoldenVectors.IoReadOffset);
        var c = new CombineMessage();
        Assert.Equal(DecodeError.None, c.Parse(pread, 0, pread.Length));
        Assert.Equal(24, c.PartLength[0]);

        PutU16(pread, 2, 16);
        Assert.Equal(DecodeError.BadCombineLength, c.Parse(pread, 0, pread.Length));
        PutU16(pread, 2, 23);
        Assert.Equal(DecodeError.BadCombineLength, c.Parse(pread, 0, pread.Length));

        // lseek+pread: the pread's 24-byte header must fit after the first part.
        byte[] both = new byte[16 + 24];
        Array.Copy(Lseek(0x8000 | 16), both, 16);
        Array.Copy(Golden(GoldenVectors.IoReadOffset), 0, both, 16, 24);
        Assert.Equal(DecodeError.None, c.Parse(both, 0, both.Length));
        Assert.Equal(2, c.PartCount);
        Assert.Equal(DecodeError.Truncated, c.Parse(both, 0, both.Length - 1));
    }

    [Fact]
    public void CombineMessage_LastPartStillFlagged_ReportsUnterminatedCombine()
    {
        byte[] single = Lseek(0x8000 | 16);
        Assert.Equal(DecodeError.UnterminatedCombine, new CombineMessage().Parse(single, 0, single.Length));

        byte[] b = Golden(GoldenVectors.CombineLseekRead);
        PutU16(b, 18, 0x8000 | 16);
        Assert.Equal(DecodeError.UnterminatedCombine, new CombineMessage().Parse(b, 0, b.Length));
    }

    [Fact]
    public void CombineMessage_MoreThanMaxParts_ReportsBadLength()
    {
        int parts = CombineMessage.MaxParts + 1;
        byte[] b = new byte[parts * IoClose.Size];
        for (int i = 0; i < parts; i++)
        {
            PutU16(b, i * 4, IoMessageType.Close);
            PutU16(b, (i * 4) + 2, i == parts - 1 ? 4 : 0x8000 | 4);
        }

        Assert.Equal(DecodeError.BadLength, new CombineMessage().Parse(b, 0, b.Length));
        var ok = new CombineMessage();
        PutU16(b, ((parts - 2) * 4) + 2, 4);
        Assert.Equal(DecodeError.None, ok.Parse(b, 0, (parts - 1) * 4));
        Assert.Equal(CombineMessage.MaxParts, ok.PartCount);
    }

    [Fact]
    public void CombineMessage_WriteDataPastItsCombineLen_ReportsBadLength()
    {
        byte[] b = new byte[21 + 4];
        Array.Copy(Golden(GoldenVectors.IoWrite), b, 21);
        PutU16(b, 2, 0x8000 | 16);   // the part claims 16 bytes, but nbytes = 5 follow it
        PutU16(b, 21, IoMessageType.Close);
        PutU16(b, 23, 4);
        Assert.Equal(DecodeError.BadLength, new CombineMessage().Parse(b, 0, 20));
        PutU16(b, 2, 0x8000 | 21);
        Assert.Equal(DecodeError.None, new CombineMessage().Parse(b, 0, 25));
    }

    [Fact]
    public void CombineMessage_ConnectAfterAPart_ReportsWrongType()
    {
        byte[] b = new byte[16 + 55];
        Array.Copy(Lseek(0x8000 | 16), b, 16);
        Array.Copy(Golden(GoldenVectors.IoConnectOpen), 0, b, 16, 55);
        Assert.Equal(DecodeError.WrongType, new CombineMessage().Parse(b, 0, b.Length));
    }

    [Fact]
    public void CombineMessage_ConnectFirst_IsOnePartWhateverFollows()
    {
        byte[] b = Golden(GoldenVectors.IoConnectCombineStat);
        var c = new CombineMessage();
        Assert.Equal(DecodeError.None, c.Parse(b, 0, b.Length));
        Assert.Equal(1, c.PartCount);
        Assert.Equal(b.Length, c.PartLength[0]);
    }

    // ------------------------------------------------------------------ length fields

    [Theory]
    [InlineData(6u)]
    [InlineData(0xFFFFFFFFu)]
    [InlineData(0x80000000u)]
    public void IoWrite_NbytesPastTheEnd_ReportsBadLength(uint nbytes)
    {
        byte[] b = Golden(GoldenVectors.IoWrite);
        PutU32(b, 4, nbytes);
        Assert.Equal(DecodeError.BadLength, new IoWrite().Decode(b, 0, b.Length));
        byte[] p = Golden(GoldenVectors.IoWriteOffset);
        PutU32(p, 4, nbytes == 6u ? 4u : nbytes);
        Assert.Equal(DecodeError.BadLength, new IoWrite().Decode(p, 0, p.Length));
    }

    [Fact]
    public void IoWrite_NbytesShorterThanTheData_DecodesTheDeclaredData()
    {
        byte[] b = Golden(GoldenVectors.IoWrite);
        PutU32(b, 4, 2);
        var w = new IoWrite();
        Assert.Equal(DecodeError.None, w.Decode(b, 0, b.Length));
        Assert.Equal(2u, w.Nbytes);
    }

    [Fact]
    public void IoConnect_PathLenZero_ReportsBadLength()
    {
        byte[] b = Golden(GoldenVectors.IoConnectOpen);
        PutU16(b, 34, 0);
        Assert.Equal(DecodeError.BadLength, new IoConnect().Decode(b, 0, b.Length));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(0xFFFF)]
    public void IoConnect_PathLenPastTheEnd_ReportsBadLength(int pathLen)
    {
        byte[] b = Golden(GoldenVectors.IoConnectOpen);
        PutU16(b, 34, pathLen);
        Assert.Equal(DecodeError.BadLength, new IoConnect().Decode(b, 0, b.Length));
    }

    [Fact]
    public void IoConnect_PathWithoutNulAtPathLen_ReportsBadPath()
    {
        byte[] b = Golden(GoldenVectors.IoConnectOpen);
        b[54] = (byte)'x';
        Assert.Equal(DecodeError.BadPath, new IoConnect().Decode(b, 0, b.Length));
        byte[] shorter = Golden(GoldenVectors.IoConnectOpen);
        PutU16(shorter, 34, 14);   // "dev/gpio/bank" + '0' where the NUL should be
        Assert.Equal(DecodeError.BadPath, new IoConnect().Decode(shorter, 0, shorter.Length));
    }

    [Fact]
    public void IoConnect_NulInsideThePath_ReportsBadPath()
    {
        byte[] b = Golden(GoldenVectors.IoConnectOpen);
        b[43] = 0;
        Assert.Equal(DecodeError.BadPath, new IoConnect().Decode(b, 0, b.Length));
    }

    [Theory]
    [InlineData(9)]
    [InlineData(0xFFFF)]
    public void IoConnect_ExtraLenPastTheEnd_ReportsBadLength(int extraLen)
    {
        byte[] b = Golden(GoldenVectors.IoConnectCombineStat);
        PutU16(b, 38, extraLen);
        Assert.Equal(DecodeError.BadLength, new IoConnect().Decode(b, 0, b.Length));
    }

    [Fact]
    public void IoConnect_ExtraLenCountedFromPaddedStart_NotFromPathEnd()
    {
        // 49 + 8 = 57 bytes would hold the message if it started right after the path; it starts at 56.
        byte[] b = Golden(GoldenVectors.IoConnectCombineStat);
        Assert.Equal(DecodeError.BadLength, new IoConnect().Decode(b, 0, 63));
        Assert.Equal(DecodeError.None, new IoConnect().Decode(b, 0, 64));
    }

    [Fact]
    public void IoDevctlReply_NbytesPastTheEnd_ReportsBadLength()
    {
        byte[] b = Golden(GoldenVectors.IoDevctlReply);
        PutU32(b, 8, 5);
        Assert.Equal(DecodeError.BadLength, new IoDevctlReply().Decode(b, 0, b.Length));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(25)]       // 20 + 5 name bytes, no room for the NUL
    [InlineData(-32)]
    public void Dirent_ReclenTooSmall_ReportsBadLength(int reclen)
    {
        byte[] b = Golden(GoldenVectors.Dirent);
        PutU16(b, 16, reclen);
        Assert.Equal(DecodeError.BadLength, new Dirent().Decode(b, 0, b.Length));
    }

    [Theory]
    [InlineData(33)]
    [InlineData(40)]
    [InlineData(0x7FFF)]
    public void Dirent_ReclenTooBig_ReportsBadLength(int reclen)
    {
        byte[] b = Golden(GoldenVectors.Dirent);
        PutU16(b, 16, reclen);
        Assert.Equal(DecodeError.BadLength, new Dirent().Decode(b, 0, b.Length));
    }

    [Fact]
    public void Dirent_NegativeNamelen_ReportsBadLength()
    {
        byte[] b = Golden(GoldenVectors.Dirent);
        PutU16(b, 18, 0xFFFF);
        Assert.Equal(DecodeError.BadLength, new Dirent().Decode(b, 0, b.Length));
    }

    [Fact]
    public void Dirent_NameWithoutNul_ReportsBadPath()
    {
        byte[] b = Golden(GoldenVectors.Dirent);
        b[25] = (byte)'!';
        Assert.Equal(DecodeError.BadPath, new Dirent().Decode(b, 0, b.Length));
    }

    [Fact]
    public void Dirent_ReclenNotMultipleOfEight_IsAccepted()
    {
        // Gateway pads to 8 (G), but a record from another server only has to hold its name.
        byte[] b = Golden(GoldenVectors.Dirent);
        PutU16(b, 16, 26);
        var d = new Dirent();
        Assert.Equal(DecodeError.None, d.Decode(b, 0, 26));
        Assert.Equal(26, d.Reclen);
    }

    // ------------------------------------------------------------------ flags and form

    [Fact]
    public void IoMmapReplyExt_UseExtendedWithFormUnset_ReportsFormMismatchButKeepsBase()
    {
        byte[] b = Golden(GoldenVectors.IoMmapReplyExtT64_2008);
        PutU32(b, 24, 0x01 | 0x02 | 0x20);
        var r = new IoMmapReplyExt();
        Assert.Equal(DecodeError.FormMismatch, r.Decode(b, 0, b.Length));
        Assert.Equal(0x500u, r.Base.AllowedProt);
        Assert.Equal(0x40000003, r.Base.Coid);
        Assert.Equal(0x23u, r.Flags);
        Assert.Equal(0ul, r.Stat.Ino);
    }

    [Fact]
    public void IoMmapReplyExt_NotExtendedFormUnset_DecodesBaseAndNoStat()
    {
        // /quirks/noext: 184 bytes, USE_EXTENDED clear, junk in the stat.
        byte[] b = Golden(GoldenVectors.IoMmapReplyExtT64_2008);
        PutU32(b, 24, 0x02);
        var r = new IoMmapReplyExt();
        Assert.Equal(DecodeError.None, r.Decode(b, 0, b.Length));
        Assert.False(MmapReplyFlags.IsExtended(r.Flags));
        Assert.Equal(StatForm.Unset, r.Form);
        Assert.Equal(0ul, r.Stat.Ino);
        Assert.Equal(0x1122334455667788ul, r.Base.Offset);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(71)]
    [InlineData(73)]
    [InlineData(95)]
    [InlineData(100)]
    [InlineData(119)]
    [InlineData(121)]
    [InlineData(184)]
    public void Stat_DecodeBySizeOfNoForm_ReportsFormMismatch(int size)
    {
        byte[] b = new byte[size];
        Assert.Equal(DecodeError.FormMismatch, new Messages.Stat().DecodeBySize(b, 0, size, out int form));
        Assert.Equal(StatForm.Unset, form);
    }

    [Theory]
    [InlineData(StatForm.Unset)]
    [InlineData(4)]
    [InlineData(-1)]
    public void Stat_DecodeWithUnknownForm_ReportsFormMismatch(int form)
    {
        byte[] b = Golden(GoldenVectors.StatT64_2008);
        Assert.Equal(DecodeError.FormMismatch, new Messages.Stat().Decode(b, 0, b.Length, form));
    }

    [Fact]
    public void Stat_DecodeBySizeButArrayShorter_ReportsTruncated()
    {
        byte[] b = new byte[100];
        Assert.Equal(DecodeError.Truncated, new Messages.Stat().DecodeBySize(b, 10, 96, out _));
    }

    // ------------------------------------------------------------------ values

    [Theory]
    [InlineData(9u)]
    [InlineData(0xFFFFFFFFu)]
    public void CredInfo_NgroupsAboveEight_ReportsBadValue(uint ngroups)
    {
        byte[] b = Golden(GoldenVectors.CredInfo);
        PutU32(b, 24, ngroups);
        Assert.Equal(DecodeError.BadValue, new CredInfo().Decode(b, 0, b.Length));
        byte[] c = Golden(GoldenVectors.ClientInfo);
        PutU32(c, 16 + 24, ngroups);
        Assert.Equal(DecodeError.BadValue, new ClientInfo().Decode(c, 0, c.Length));
    }

    // ------------------------------------------------------------------ reserved fields: exposed, never rejected

    [Fact]
    public void IoMmapRequest_NonZeroReserved_DecodesAndExposesIt()
    {
        byte[] b = Golden(GoldenVectors.IoMmap);
        PutU32(b, 68, 0xDEADBEEF);
        PutU32(b, 72, 1);
        PutU32(b, 76, 0x80000000);
        var m = new IoMmapRequest();
        Assert.Equal(DecodeError.None, m.Decode(b, 0, b.Length));
        Assert.Equal(new uint[] { 0xDEADBEEF, 1, 0x80000000 }, m.Zero);
        Assert.Equal(0x12000ul, m.RequestedLen);
    }

    [Fact]
    public void IoMmapReplies_NonZeroReserved_DecodeAndExposeIt()
    {
        byte[] r = Golden(GoldenVectors.IoMmapReply);
        PutU32(r, 0, 0x11);
        var plain = new IoMmapReply();
        Assert.Equal(DecodeError.None, plain.Decode(r, 0, r.Length));
        Assert.Equal(0x11u, plain.Zero);

        byte[] e = Golden(GoldenVectors.IoMmapReplyExtT32_2001);
        PutU32(e, 0, 0x22);
        PutU32(e, 28, 0x33);
        e[32 + 8] = 0x44;                 // zero64[1] low byte
        e[64 + 72 + 3] = 0x55;            // the union past the 72-byte form
        var ext = new IoMmapReplyExt();
        Assert.Equal(DecodeError.None, ext.Decode(e, 0, e.Length));
        Assert.Equal(0x22u, ext.Base.Zero);
        Assert.Equal(0x33u, ext.Zero32);
        Assert.Equal(0x44ul, ext.Zero64[1]);
        Assert.Equal(72 + 3, ext.StatTailNonZeroAt);
    }

    [Fact]
    public void SmallMessages_NonZeroReserved_DecodeAndExposeIt()
    {
        byte[] read = Golden(GoldenVectors.IoReadOffset);
        PutU32(read, 12, 0x12345678);
        var r = new IoRead();
        Assert.Equal(DecodeError.None, r.Decode(read, 0, read.Length));
        Assert.Equal(0x12345678u, r.Zero);

        byte[] write = Golden(GoldenVectors.IoWrite);
        PutU32(write, 12, 7);
        var w = new IoWrite();
        Assert.Equal(DecodeError.None, w.Decode(write, 0, write.Length));
        Assert.Equal(7u, w.Zero);

        byte[] lseek = Golden(GoldenVectors.IoLseek);
        PutU16(lseek, 6, 0xBEEF);
        var l = new IoLseek();
        Assert.Equal(DecodeError.None, l.Decode(lseek, 0, lseek.Length));
        Assert.Equal(0xBEEF, l.Zero);

        byte[] devctl = Golden(GoldenVectors.IoDevctl);
        PutU32(devctl, 12, 9);
        var d = new IoDevctl();
        Assert.Equal(DecodeError.None, d.Decode(devctl, 0, devctl.Length));
        Assert.Equal(9u, d.Zero);

        byte[] reply = Golden(GoldenVectors.IoDevctlReply);
        PutU32(reply, 0, 1);
        PutU32(reply, 12, 2);
        var dr = new IoDevctlReply();
        Assert.Equal(DecodeError.None, dr.Decode(reply, 0, reply.Length));
        Assert.Equal(1u, dr.Zero);
        Assert.Equal(2u, dr.Zero2);
    }

    [Fact]
    public void Encoders_NonZeroReservedMembers_WriteZero()
    {
        var m = new IoMmapRequest();
        m.Zero[0] = 1; m.Zero[1] = 2; m.Zero[2] = 3;
        byte[] b = CodecAssert.Dirty(88);
        m.Encode(b, 0);
        Assert.True(LittleEndian.IsZero(b, 68, 12));

        var r = new IoMmapReplyExt { Flags = 0x19, Zero32 = 5 };
        r.Base.Zero = 4;
        r.Zero64[3] = 6;
        byte[] e = CodecAssert.Dirty(184);
        r.Encode(e, 0);
        Assert.True(LittleEndian.IsZero(e, 0, 4));
        Assert.True(LittleEndian.IsZero(e, 28, 36));

        var w = new IoWrite { Zero = 9 };
        byte[] wb = CodecAssert.Dirty(16);
        w.Encode(wb, 0, wb, 0);
        Assert.True(LittleEndian.IsZero(wb, 12, 4));

        var l = new IoLseek { Zero = 9 };
        byte[] lb = CodecAssert.Dirty(16);
        l.Encode(lb, 0);
        Assert.True(LittleEndian.IsZero(lb, 6, 2));

        var d = new IoDevctl { Zero = 9 };
        byte[] db = CodecAssert.Dirty(16);
        d.Encode(db, 0);
        Assert.True(LittleEndian.IsZero(db, 12, 4));

        var dr = new IoDevctlReply { Zero = 1, Zero2 = 2, RetVal = 3 };
        byte[] drb = CodecAssert.Dirty(16);
        dr.Encode(drb, 0);
        Assert.True(LittleEndian.IsZero(drb, 0, 4));
        Assert.True(LittleEndian.IsZero(drb, 12, 4));
    }

    [Fact]
    public void Encoders_BufferTooSmall_ThrowArgumentException()
    {
        // Buffers are the caller's: too little room is a programming error, not untrusted input.
        Assert.Throws<ArgumentException>(() => new IoMmapRequest().Encode(new byte[87], 0));
        Assert.Throws<ArgumentException>(() => new IoMmapReplyExt().Encode(new byte[184], 1));
        Assert.Throws<ArgumentException>(() => new Messages.Stat().Encode(new byte[120], 0, 0));
    }
}
